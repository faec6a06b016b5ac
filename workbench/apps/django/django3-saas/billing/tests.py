from django.test import TestCase
from django.urls import reverse

from .models import Plan, Subscription


class PlanModelTests(TestCase):
    def test_seeded_plans_are_ordered_by_price(self):
        self.assertEqual(list(Plan.objects.values_list("slug", flat=True)), ["starter", "team", "business"])

    def test_price_display(self):
        self.assertEqual(Plan.objects.get(slug="starter").price_display, "Free")
        self.assertEqual(Plan.objects.get(slug="business").price_display, "$99.00")


class PricingViewTests(TestCase):
    def test_pricing_lists_public_plans_only(self):
        Plan.objects.create(name="Internal", slug="internal", price_cents=1, is_public=False)
        response = self.client.get(reverse("billing:pricing"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "billing/pricing.html")
        self.assertContains(response, "Team")
        self.assertNotContains(response, "Internal")


class SubscribeViewTests(TestCase):
    def test_subscribe_creates_a_subscription_and_redirects(self):
        url = reverse("billing:subscribe", args=["team"])
        response = self.client.post(url, {"email": "ada@example.com", "company": "Analytical"})
        subscription = Subscription.objects.get()
        self.assertRedirects(response, reverse("billing:welcome", args=[subscription.pk]))
        self.assertEqual(subscription.plan.slug, "team")
        page = self.client.get(reverse("billing:welcome", args=[subscription.pk]))
        self.assertContains(page, "ada@example.com is now on the Team plan.")

    def test_subscribing_twice_shows_an_error(self):
        url = reverse("billing:subscribe", args=["team"])
        self.client.post(url, {"email": "ada@example.com"})
        response = self.client.post(url, {"email": "ada@example.com"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "already subscribed")
        self.assertEqual(Subscription.objects.count(), 1)

    def test_invalid_email_is_rejected(self):
        response = self.client.post(reverse("billing:subscribe", args=["team"]), {"email": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Subscription.objects.count(), 0)

    def test_unknown_plan_is_404(self):
        response = self.client.get(reverse("billing:subscribe", args=["gold"]))
        self.assertEqual(response.status_code, 404)
