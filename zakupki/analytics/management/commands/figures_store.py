"""`manage.py figures_store --year 2025 [--region 72]`: compute and store every customer's figures of a year.

The worker keeps stored figures current customer by customer as data changes (ADR 0010); this builds them
for a whole year at once — after a bulk load, for a year nobody has rated yet, or after a new `FORMAT`.
Exit code 2 with one Russian line on stderr for an unknown region or an impossible year.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from zakupki.accounts.models import Region
from zakupki.analytics.bulk.stored import customer_figures_store
from zakupki.analytics.bulk.tuning import analytic_statements
from zakupki.analytics.dashboard import FIRST_YEAR

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = "Сохранить показатели всех заказчиков за год (для быстрого рейтинга)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--region", default=None, help="код субъекта; по умолчанию — все регионы")

    def _refuse(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(EXIT_REFUSED)

    def handle(self, *args: Any, **options: Any) -> None:
        year, code = options["year"], options["region"]
        now = timezone.now()
        # the dashboards' first year; the next calendar year, because it starts in Kamchatka first
        if not FIRST_YEAR <= year <= now.year + 1:
            self._refuse(f"Год {year} вне допустимого диапазона {FIRST_YEAR}–{now.year + 1}")
            return
        regions = list(Region.objects.all() if code is None else Region.objects.filter(code=code))
        if not regions:
            self._refuse(f"Неизвестный регион «{code}»" if code else "На платформе нет регионов")
            return
        started = time.perf_counter()
        with analytic_statements():
            stored = customer_figures_store(regions=regions, year=year, as_of=now)
        self.stdout.write(
            f"Сохранены показатели за {year} год: заказчиков — {stored}, регионов — {len(regions)},"
            f" {time.perf_counter() - started:.1f} с"
        )
