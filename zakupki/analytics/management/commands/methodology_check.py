"""`manage.py methodology_check`: validate every methodology file; on a defect one line and exit code 2."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from zakupki.analytics.errors import MethodologyFileError
from zakupki.analytics.methodology import load_methodologies

EXIT_BROKEN = 2


class Command(BaseCommand):
    help = "Проверить файлы методик оценки эффективности"

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            methodologies = load_methodologies()
        except MethodologyFileError as exc:
            self.stderr.write(str(exc))
            sys.exit(EXIT_BROKEN)
        described = ", ".join(f"{m.id} (версий — {len(m.versions)})" for m in methodologies.values())
        self.stdout.write(f"Методики в порядке: {described}")
