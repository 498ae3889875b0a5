"""The rating as a table: XLSX (typed cells with number formats) or CSV (UTF-8 with BOM, «;», decimal
comma — what Russian Excel opens without an import dialog). «нет данных» is written as text, never 0.

The dashboard's and the drill-down's tables go through `Table` with the same rules: one typed column
list, written to XLSX sheets (`tables_xlsx`) or to a CSV file (`table_csv`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from zakupki.analytics.formulas.base import EIS, PLATFORM
from zakupki.analytics.selectors import Rating

NO_DATA = "нет данных"
PERCENT_FORMAT = "0.00%"
MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "0.00"
DATE_FORMAT = "DD.MM.YYYY"

Cell = str | int | Decimal | None


def _header(rating: Rating) -> list[str]:
    columns = ["Место", "Заказчик", "ИНН"]
    for indicator in rating.version.indicators:
        columns.append(f"{indicator.id} {indicator.name}, {indicator.unit}")
        if not indicator.informational:
            columns.append(f"{indicator.id}, баллы")
    columns.append("Rп")
    if rating.version.weighted:
        columns.append("Rп взвешенный")
    columns.append("Показатели без данных")
    return columns


def _rows(rating: Rating) -> list[list[tuple[Cell, str | None]]]:
    """Cells with the number format each should carry (None for text)."""
    table = []
    for place, row in enumerate(rating.rows, start=1):
        cells: list[tuple[Cell, str | None]] = [
            (place, INTEGER_FORMAT),
            (row.customer.display_name, None),
            (row.customer.inn, None),
        ]
        for scored in row.score.indicators:
            value, unit = scored.result.value, scored.indicator.unit
            if value is None:
                cells.append((NO_DATA, None))
            elif unit == "%":
                cells.append((value, PERCENT_FORMAT))
            elif unit == "₽":
                cells.append((value, MONEY_FORMAT))
            else:
                cells.append(
                    (value, INTEGER_FORMAT if value == value.to_integral_value() else DECIMAL_FORMAT)
                )
            if not scored.indicator.informational:
                cells.append(
                    (scored.points, INTEGER_FORMAT) if scored.points is not None else (NO_DATA, None)
                )
        cells.append((row.score.total, INTEGER_FORMAT))
        if rating.version.weighted:
            cells.append((row.score.weighted, DECIMAL_FORMAT))
        cells.append((", ".join(row.score.no_data_ids), None))
        table.append(cells)
    return table


def write_xlsx(rating: Rating, target: Path | BinaryIO) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 — a new workbook always has one sheet
    sheet.title = f"Рейтинг {rating.region.code} {rating.year}"
    sheet.append(_header(rating))
    for number, cells in enumerate(_rows(rating), start=2):
        for column, (value, number_format) in enumerate(cells, start=1):
            # Percent cells hold the fraction, so Excel shows 12.50% and sums stay right.
            stored = value / 100 if number_format == PERCENT_FORMAT and isinstance(value, Decimal) else value
            cell = sheet.cell(row=number, column=column, value=stored)
            if number_format is not None:
                cell.number_format = number_format
    _write_breakdown(book.create_sheet("Расшифровка"), rating)
    book.save(target)


SOURCE_NAMES = {PLATFORM: "площадка", EIS: "ЕИС"}
KIND_NAMES = {"contract": "контракт", "session": "котировочная сессия", "complaint": "жалоба"}


def _write_breakdown(sheet: Worksheet, rating: Rating) -> None:
    """One row per counted object, so that a figure in the first sheet can be traced to its contracts."""
    sheet.append(
        ["Заказчик", "Показатель", "Как считается", "Числитель", "Знаменатель", "Источник", "Вид", "Номер"]
    )
    for row in rating.rows:
        for scored in row.score.indicators:
            result = scored.result
            head = [
                row.customer.display_name,
                scored.indicator.id,
                result.label,
                result.numerator,
                result.denominator,
            ]
            if result.value is None:
                sheet.append([*head[:3], f"{NO_DATA}: {result.no_data_reason}"])
                continue
            if not result.counted:
                sheet.append([*head, None, None, None])
            for what in result.counted:
                sheet.append([*head, SOURCE_NAMES[what.source], KIND_NAMES[what.kind], what.ref])


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return str(value)


def write_csv(rating: Rating, target: Path) -> None:
    target.write_bytes(rating_csv(rating))


def rating_csv(rating: Rating) -> bytes:
    return _csv_bytes(_header(rating), ([value for value, _ in cells] for cells in _rows(rating)))


def rating_xlsx(rating: Rating) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rating, buffer)
    return buffer.getvalue()


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for cells in rows:
        writer.writerow([_csv_text(value) for value in cells])
    return buffer.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------------------------ any typed table

TEXT, INTEGER, DECIMAL, MONEY, PERCENT, DATE = "text", "integer", "decimal", "money", "percent", "date"
FORMATS = {
    INTEGER: INTEGER_FORMAT,
    DECIMAL: DECIMAL_FORMAT,
    MONEY: MONEY_FORMAT,
    PERCENT: PERCENT_FORMAT,
    DATE: DATE_FORMAT,
}


@dataclass(frozen=True)
class Typed:
    """A cell whose kind differs from its column's (a «value» column holding % in one row, ₽ in another)."""

    value: str | int | Decimal | dt.date | None
    kind: str


TableCell = str | int | Decimal | dt.date | Typed | None


def unwrap(value: TableCell, kind: str) -> tuple[str | int | Decimal | dt.date | None, str]:
    if isinstance(value, Typed):
        return value.value, value.kind
    return value, kind


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT  # TEXT, INTEGER, DECIMAL, MONEY, PERCENT (0..100, as the formulas give it), DATE


@dataclass(frozen=True)
class Table:
    slug: str  # the file name part
    title: str  # the sheet name (Excel cuts it at 31 characters)
    columns: tuple[Column, ...]
    rows: tuple[tuple[TableCell, ...], ...]


def _typed(value: TableCell, kind: str) -> tuple[TableCell, str | None]:
    """The value an XLSX cell stores and its number format; a missing figure is «нет данных» text."""
    value, kind = unwrap(value, kind)
    if value is None:
        return (NO_DATA, None) if kind != TEXT else ("", None)
    if kind == PERCENT and isinstance(value, Decimal):
        return value / 100, PERCENT_FORMAT
    return value, FORMATS.get(kind)


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append([column.title for column in table.columns])
        for number, row in enumerate(table.rows, start=2):
            for index, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
                stored, number_format = _typed(value, column.kind)
                cell = sheet.cell(row=number, column=index, value=stored)
                if number_format is not None:
                    cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_csv(table: Table) -> bytes:
    """Dates as ДД.ММ.ГГГГ, numbers with a decimal comma, «нет данных» for a missing figure."""
    rows = (
        [_table_csv_cell(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
        for row in table.rows
    )
    return _csv_bytes([column.title for column in table.columns], rows)


def _table_csv_cell(value: TableCell, kind: str) -> Cell:
    value, kind = unwrap(value, kind)
    if value is None:
        return "" if kind == TEXT else NO_DATA
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return value
