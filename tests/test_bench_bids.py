"""bench/bids.py and bench/bid_cpu.py run the application with its production settings. Those refuse to
start without what they require of the environment; the bench's PRODUCTION_ENV must keep up, or the bench
breaks while every other test stays green (it did once, when ZAKUPKI_PUBLIC_URL became required)."""

from __future__ import annotations

import os
import subprocess

from bench.bids import PRODUCTION_ENV
from zakupki.core.testing import run_python

BOOT = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _boot(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_python(["-c", BOOT], env)


def test_the_production_settings_boot_with_the_benchs_environment() -> None:
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}
    result = _boot(env)
    assert (result.returncode, result.stdout.strip()) == (0, "False"), result.stderr[-500:]


def test_without_the_public_url_they_do_not() -> None:
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}
    del env["ZAKUPKI_PUBLIC_URL"]
    result = _boot(env)
    assert result.returncode == 1
    assert "ZAKUPKI_PUBLIC_URL" in result.stderr
