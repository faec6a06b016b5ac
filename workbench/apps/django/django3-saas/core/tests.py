from django.test import TestCase
from django.urls import reverse

from billing.models import Plan, Subscription


class HomePageTests(TestCase):
    def test_home_shows_the_cheapest_plan_and_customer_count(self):
        Subscription.objects.create(plan=Plan.objects.get(slug="team"), email="a@example.com")
        response = self.client.get(reverse("core:home"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "core/home.html")
        self.assertContains(response, "Plans start at <strong>Free</strong>")
        self.assertContains(response, "1 team already on board.")

    def test_healthz(self):
        response = self.client.get(reverse("core:healthz"))
        self.assertEqual(response.json(), {"status": "ok"})
