"""What every importer shares: reading a table (XLSX or CSV), per-row savepoints, progress, the report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from zakupki.core.errors import DomainError, ValidationFailed

if TYPE_CHECKING:
    from zakupki.accounts.models import User

XLSX = "portal-xlsx"
CSV = "csv"
FORMATS = (XLSX, CSV)

Row = dict[str, Any]


class BadFile(Exception):
    """The file as a whole cannot be imported (missing, unreadable, wrong columns)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RowError(ValueError):
    """One row is wrong; the message is Russian and completes «строка N: …»."""


def guess_format(path: Path) -> str:
    return CSV if path.suffix.lower() in (".csv", ".txt") else XLSX


@dataclass
class Table:
    header: list[str]
    total: int
    rows: Iterator[tuple[int, Row]]


def _is_blank(values: tuple[Any, ...] | list[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _check_header(header: list[str], required: tuple[str, ...]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        listed = ", ".join(f"«{name}»" for name in missing)
        raise BadFile(f"В файле нет колонок: {listed}")


def _read_xlsx(path: Path, required: tuple[str, ...]) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise BadFile(f"Не удалось прочитать файл XLSX {path.name}: файл повреждён или это не XLSX") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    if first is None:
        workbook.close()
        raise BadFile(f"Файл {path.name} пуст")
    header = [str(value).strip() if value is not None else "" for value in first]
    _check_header(header, required)
    materialized = [(number, values) for number, values in enumerate(rows, start=2) if not _is_blank(values)]
    workbook.close()

    def generate() -> Iterator[tuple[int, Row]]:
        for number, values in materialized:
            yield number, dict(zip(header, values, strict=False))

    return Table(header=header, total=len(materialized), rows=generate())


def _read_csv(path: Path, required: tuple[str, ...]) -> Table:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFile(f"Файл {path.name} не в кодировке UTF-8") from exc
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise BadFile(f"Файл {path.name} пуст")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    _check_header(header, required)
    try:
        records = [(reader.line_num, values) for values in reader if not _is_blank(values)]
    except csv.Error as exc:
        raise BadFile(f"Не удалось разобрать CSV {path.name}: {exc}") from exc

    def generate() -> Iterator[tuple[int, Row]]:
        for number, values in records:
            yield number, dict(zip(header, values, strict=False))

    return Table(header=header, total=len(records), rows=generate())


def read_table(path: Path, fmt: str, *, required: tuple[str, ...]) -> Table:
    if not path.is_file():
        raise BadFile(f"Файл не найден: {path}")
    if fmt not in FORMATS:
        raise BadFile(f"Неизвестный формат «{fmt}»: допустимо {', '.join(FORMATS)}")
    return _read_xlsx(path, required) if fmt == XLSX else _read_csv(path, required)


Write = Callable[[str], object]


class Progress:
    """`\\rИмпорт: 45 из 99 (45%)`, rewritten in place (the caller's `write` flushes); a newline at the end."""

    def __init__(self, write: Write | None, total: int, label: str = "Импорт") -> None:
        self.write, self.total, self.label = write, total, label
        self._shown = -1

    def update(self, done: int) -> None:
        if self.write is None or self.total <= 0:
            return
        percent = done * 100 // self.total
        if percent == self._shown and done != self.total:
            return
        self._shown = percent
        self.write(f"\r{self.label}: {done} из {self.total} ({percent}%)")

    def finish(self) -> None:
        if self.write is not None and self.total > 0:
            self.write("\n")


@dataclass
class ImportReport:
    imported: int = 0
    created: int = 0
    updated: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        lines = [f"Импортировано: {self.imported}, пропущено: {len(self.skipped)}"]
        lines += [f"строка {number}: {message}" for number, message in self.skipped]
        return lines


def _lower_first(message: str) -> str:
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        return message[0].lower() + message[1:]
    return message


def row_error_message(exc: Exception) -> str:
    if isinstance(exc, ValidationFailed):
        return "; ".join(_lower_first(message) for message in exc.errors.values())
    if isinstance(exc, DomainError):
        return _lower_first(exc.message)
    return _lower_first(str(exc))


def run_rows(
    table: Table, handle: Callable[[Row], bool], *, progress: Progress, report: ImportReport
) -> ImportReport:
    """Each row in its own savepoint: a bad row is rolled back whole and reported; the import goes on.
    `handle` returns True when it created a row, False when it updated one."""
    for done, (number, row) in enumerate(table.rows, start=1):
        try:
            with transaction.atomic():
                created = handle(row)
        except (DomainError, RowError) as exc:
            report.skipped.append((number, row_error_message(exc)))
        else:
            report.imported += 1
            if created:
                report.created += 1
            else:
                report.updated += 1
        progress.update(done)
    progress.finish()
    return report


def import_and_record(
    *,
    kind: str,
    path: Path,
    fmt: str,
    table: Table,
    handle: Callable[[Row], bool],
    progress: Write | None,
    actor: User | None,
    details: dict[str, Any] | None = None,
) -> ImportReport:
    """Runs every row (see `run_rows`), then records the import and its journal event in the same
    transaction, so the record exists exactly when the rows do."""
    from zakupki.catalog.models import CatalogImport
    from zakupki.documents.events import EventType
    from zakupki.documents.services.audit import audit_record

    report = ImportReport()
    with transaction.atomic():
        run_rows(table, handle, progress=Progress(progress, table.total), report=report)
        record = CatalogImport.objects.create(
            kind=kind, source=path.name, imported=report.imported, skipped=len(report.skipped)
        )
        audit_record(
            actor=actor,
            event=EventType.CATALOG_IMPORTED,
            obj=record,
            details={
                "file": path.name,
                "format": fmt,
                **(details or {}),
                "imported": report.imported,
                "created": report.created,
                "updated": report.updated,
                "skipped": len(report.skipped),
            },
        )
    return report


def cell_text(value: Any) -> str:
    """A cell as text: 1153097.0 (a number typed in Excel) → "1153097"; None → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()
