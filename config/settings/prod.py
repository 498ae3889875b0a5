"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, secure cookies."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    raise ImproperlyConfigured("Production needs DATABASE_URL=postgres://...")
if "DJANGO_SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured("Production needs DJANGO_SECRET_KEY")
if not os.environ.get("ZAKUPKI_PUBLIC_URL", "").startswith(("https://", "http://")):
    raise ImproperlyConfigured("Production needs ZAKUPKI_PUBLIC_URL=https://… (the links in e-mails)")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
