"""`manage.py indicators --region 72 --year 2025 --methodology tyumen --format xlsx -o out.xlsx`.

Exit codes: 2 with one Russian line on stderr for a request we cannot answer (unknown region or
methodology, a year the methodology did not cover, a bad format); 0 with «нет данных …» on stdout and no
file when the region has no data for the year — that is a valid answer to a valid question, and a script
looping over regions should not treat it as a failure; it simply finds no file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from zakupki.accounts.models import Region
from zakupki.analytics.export import write_csv, write_xlsx
from zakupki.analytics.selectors import region_rating
from zakupki.core.errors import DomainError

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = "Показатели эффективности закупок заказчиков региона за год (XLSX или CSV)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="код субъекта, например 72")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--methodology", default=None, help="по умолчанию — выбранная регионом")
        parser.add_argument("--format", dest="fmt", choices=("xlsx", "csv"), default="xlsx")
        parser.add_argument("-o", "--output", required=True)

    def _refuse(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(EXIT_REFUSED)

    def handle(self, *args: Any, **options: Any) -> None:
        code, year = options["region"], options["year"]
        region = Region.objects.filter(code=code).first()
        if region is None:
            self._refuse(f"Неизвестный регион «{code}»")
            return
        try:
            rating = region_rating(
                region=region,
                year=year,
                methodology_id=options["methodology"],
                as_of=timezone.now(),
                # the XLSX lists the contracts behind each figure on its second sheet; CSV is the table
                with_counted=options["fmt"] == "xlsx",
            )
        except DomainError as exc:
            self._refuse(exc.message)
            return
        if rating is None:
            self.stdout.write(f"нет данных за {year} год по региону {code}")
            return
        target = Path(options["output"])
        (write_xlsx if options["fmt"] == "xlsx" else write_csv)(rating, target)
        self.stdout.write(
            f"Записано {target}: заказчиков — {len(rating.rows)}, методика «{rating.methodology.id}»"
        )
