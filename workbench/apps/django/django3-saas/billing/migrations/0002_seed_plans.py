from django.db import migrations

PLANS = [
    ("Starter", "starter", 0, 1),
    ("Team", "team", 2900, 10),
    ("Business", "business", 9900, 100),
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    for name, slug, price_cents, max_projects in PLANS:
        Plan.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "price_cents": price_cents, "max_projects": max_projects},
        )


def remove_plans(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    Plan.objects.filter(slug__in=[slug for _, slug, _, _ in PLANS]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_plans, remove_plans),
    ]
