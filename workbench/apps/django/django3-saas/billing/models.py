from django.db import models


class Plan(models.Model):
    name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    price_cents = models.PositiveIntegerField()
    max_projects = models.PositiveIntegerField(default=1)
    is_public = models.BooleanField(default=True)

    class Meta:
        ordering = ["price_cents"]

    def __str__(self):
        return self.name

    @property
    def price_display(self):
        if self.price_cents == 0:
            return "Free"
        return "${:,.2f}".format(self.price_cents / 100)


class Subscription(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    email = models.EmailField()
    company = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "email"], name="unique_plan_email"),
        ]

    def __str__(self):
        return f"{self.email} on {self.plan}"
