"""The rating as a table: XLSX (typed cells with number formats) or CSV (UTF-8 with BOM, «;», decimal
comma — what Russian Excel opens without an import dialog). «нет данных» is written as text, never 0."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from zakupki.analytics.formulas.base import EIS, PLATFORM
from zakupki.analytics.selectors import Rating

NO_DATA = "нет данных"
PERCENT_FORMAT = "0.00%"
MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "0.00"

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


def write_xlsx(rating: Rating, target: Path) -> None:
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(rating))
    for cells in _rows(rating):
        writer.writerow([_csv_text(value) for value, _ in cells])
    target.write_bytes(buffer.getvalue().encode("utf-8-sig"))
