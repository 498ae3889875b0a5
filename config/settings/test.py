"""Test settings: DATABASE_URL decides the engine (PostgreSQL in the main pass, SQLite in the second)."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_env

os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
DATABASES = {"default": database_from_env(VAR_DIR / "test.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
