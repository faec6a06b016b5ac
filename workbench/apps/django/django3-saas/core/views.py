from django.http import JsonResponse
from django.shortcuts import render

from billing.models import Plan, Subscription


def home(request):
    featured = Plan.objects.filter(is_public=True).order_by("price_cents").first()
    return render(request, "core/home.html", {
        "featured_plan": featured,
        "customer_count": Subscription.objects.count(),
    })


def healthz(request):
    return JsonResponse({"status": "ok"})
