"""ASGI config for the LaunchPad SaaS demo."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")

application = get_asgi_application()
