"""Where the rules data lives: the shipped directory and the operator's optional patch directory."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"

# The production-calendar patch file sits next to the parameter files but has its own format,
# so the parameter loader skips it and `calendar_overrides.py` reads it.
CALENDAR_OVERRIDES_FILE = "calendar_overrides.yaml"


def configured_extra_dir() -> Path | None:
    """`settings.ZAKUPKI_RULES_EXTRA_DIR`, or None when unset or empty."""
    raw = str(getattr(settings, "ZAKUPKI_RULES_EXTRA_DIR", "") or "")
    return Path(raw) if raw.strip() else None
