"""An e-mail's link is absolute (a mail client has no site to resolve a path against), so production
refuses to start without the platform's public address."""

from __future__ import annotations

import os
import subprocess

from django.test import override_settings

from zakupki.core.testing import run_python
from zakupki.notifications.delivery import email_text
from zakupki.notifications.models import Notification


def test_the_link_is_the_public_address_and_the_path() -> None:
    with override_settings(PUBLIC_BASE_URL="https://zakupki.tyumen.example"):
        text = email_text(Notification(body="Жалоба рассмотрена.", link="/oversight/complaints/3/"))

    assert text == "Жалоба рассмотрена.\n\nПодробнее: https://zakupki.tyumen.example/oversight/complaints/3/"


def test_without_a_link_the_mail_is_the_body_alone() -> None:
    assert email_text(Notification(body="Жалоба рассмотрена.", link="")) == "Жалоба рассмотрена."


def _prod_settings(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "ZAKUPKI_PUBLIC_URL"}
    full_env = {**base, "DATABASE_URL": "postgres://app@db/zakupki", "DJANGO_SECRET_KEY": "s" * 50, **env}
    return run_python(["-c", "import config.settings.prod"], full_env)


def test_production_refuses_to_start_without_the_public_address() -> None:
    missing = _prod_settings()
    relative = _prod_settings(ZAKUPKI_PUBLIC_URL="zakupki.example.ru")

    assert (missing.returncode, relative.returncode) == (1, 1)
    for run in (missing, relative):
        assert run.stderr.strip().splitlines()[-1] == (
            "django.core.exceptions.ImproperlyConfigured: "
            "Production needs ZAKUPKI_PUBLIC_URL=https://… (the links in e-mails)"
        )


def test_production_starts_with_the_public_address() -> None:
    assert _prod_settings(ZAKUPKI_PUBLIC_URL="https://zakupki.example.ru").returncode == 0
