"""URL configuration for the LaunchPad SaaS demo."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("billing/", include("billing.urls")),
    path("", include("core.urls")),
]
