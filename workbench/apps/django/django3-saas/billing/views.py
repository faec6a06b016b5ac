from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render

from .forms import SubscribeForm
from .models import Plan, Subscription


def pricing(request):
    plans = Plan.objects.filter(is_public=True)
    return render(request, "billing/pricing.html", {"plans": plans})


def subscribe(request, slug):
    plan = get_object_or_404(Plan, slug=slug, is_public=True)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscription = form.save(commit=False)
        subscription.plan = plan
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:
            form.add_error("email", "This email is already subscribed to this plan.")
        else:
            return redirect("billing:welcome", pk=subscription.pk)
    return render(request, "billing/subscribe.html", {"plan": plan, "form": form})


def welcome(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk)
    return render(request, "billing/welcome.html", {"subscription": subscription})
