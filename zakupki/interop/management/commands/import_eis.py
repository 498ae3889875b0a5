"""`manage.py import_eis PATH [PATH …]`: EIS open-data XML (files, folders, zip archives).

Exit code 0 when every document was taken (imported, updated, unchanged or superseded), 1 when some
documents or files were rejected, 2 when an input cannot be read at all (one line on stderr)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zakupki.interop.eis.sources import UnusableInput, collect_sources
from zakupki.interop.enums import EisOutcome
from zakupki.interop.services.eis_import import EisImportReport, eis_import


def summary_lines(report: EisImportReport) -> list[str]:
    kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(report.kinds.items())) or "нет"
    outcomes = ", ".join(f"{outcome.label}: {report.outcomes[outcome]}" for outcome in EisOutcome)
    lines = [
        f"Файлов: {report.sources}, отклонено файлов: {report.rejected_files}",
        f"Документов: {report.documents} ({kinds})",
        outcomes[0].upper() + outcomes[1:],
    ]
    for item in report.rejected:
        where = item.source if item.position == 0 else f"{item.source}, документ {item.position}"
        about = " ".join(filter(None, (item.kind, item.reg_num)))
        lines.append(f"  {where}{f' ({about})' if about else ''}: {item.reason}")
    return lines


class Command(BaseCommand):
    help = "Импортирует открытые данные ЕИС (44-ФЗ: contract, contractProcedure) из XML, папок и zip-архивов."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="файлы .xml, папки (рекурсивно) или архивы .zip")

    def _progress(self, done: int, total: int, documents: int) -> None:
        self.stderr.write(
            f"\rИмпорт ЕИС: файл {done} из {total} ({done * 100 // total}%), документов: {documents}",
            ending="",
            style_func=str,  # a progress line, not an error: no red
        )
        if done == total:
            self.stderr.write("")
        self.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            sources = collect_sources([Path(p) for p in options["paths"]])
        except UnusableInput as exc:
            raise CommandError(exc.message, returncode=2) from exc
        # A progress bar only for a person watching; logs and pipes get the summary alone.
        progress = self._progress if self.stderr.isatty() else None
        report = eis_import(sources=sources, progress=progress)
        for line in summary_lines(report):
            self.stdout.write(line)
        if report.rejected:
            self.stdout.write(
                f"Отклонено документов: {report.outcomes[EisOutcome.REJECTED]}, файлов: {report.rejected_files}"
            )
            raise CommandError("часть документов не импортирована (см. список выше)", returncode=1)
