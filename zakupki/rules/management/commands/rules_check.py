"""`manage.py rules_check`: validate every rules file; on a defect print one line and exit with code 2."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from zakupki.rules.calendar_overrides import configured_override_paths, load_calendar_overrides
from zakupki.rules.errors import RulesFileError
from zakupki.rules.loader import load_configured_rules

EXIT_BROKEN = 2


class Command(BaseCommand):
    help = "Проверить файлы правил (параметры и поправки календаря) и вывести число параметров"

    def handle(self, *args: Any, **options: Any) -> None:
        # Read the files afresh rather than trusting the start-up cache: the point is to check the disk now.
        try:
            registry = load_configured_rules()
            overrides = load_calendar_overrides(configured_override_paths())
        except RulesFileError as exc:
            self.stderr.write(str(exc))
            sys.exit(EXIT_BROKEN)
        self.stdout.write(
            f"Правила в порядке: параметров — {len(registry)}, периодов — {registry.period_count}, "
            f"файлов — {len(registry.files)}; поправок календаря — "
            f"{len(overrides.days_off) + len(overrides.working_days)}"
        )
