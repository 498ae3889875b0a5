"""`manage.py import_catalog PATH [--format portal-xlsx|csv]`: the supplier portal's СТЕ file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zakupki.catalog.importers.base import FORMATS, BadFile, guess_format
from zakupki.catalog.importers.portal import import_catalog_file


class Command(BaseCommand):
    help = "Импортирует СТЕ из файла портала поставщиков (XLSX или CSV с теми же колонками)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Файл СТЕ: cte_test.xlsx или CSV (UTF-8, разделитель «;» или «,»)")
        parser.add_argument("--format", choices=FORMATS, default=None, help="по умолчанию — по расширению")

    def _progress(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        fmt = options["format"] or guess_format(path)
        try:
            report = import_catalog_file(path=path, fmt=fmt, progress=self._progress)
        except BadFile as exc:
            raise CommandError(exc.message, returncode=2) from exc
        for line in report.summary_lines():
            self.stdout.write(line)
