"""The statistics (and the list of published signals) as CSV and XLSX. Read only.

CSV is for Russian spreadsheets: UTF-8 with BOM, «;» between fields, decimal comma. An empty cell means
«нет данных», never 0. XLSX cells are typed: numbers, percentages (0.0%) and dates (ДД.ММ.ГГГГ) in the
region's time zone."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from zakupki.accounts.models import Region
from zakupki.core.timeutil import local_date
from zakupki.public_signals.enums import SignalCategory, SignalStatus
from zakupki.public_signals.selectors import signals_public
from zakupki.public_signals.stats import (
    BY_MUNICIPALITY,
    BY_ORGANIZATION,
    StatRow,
    signal_stats,
    signal_stats_total,
)

HEADERS = (
    "Сообщений",
    "С ответом",
    "Среднее время ответа, дней",
    "Медианное время ответа, дней",
    "Просрочено",
    "Доля просроченных, %",
    "Оценено",
    "Довольны ответом, %",
)
GROUP_TITLES = {BY_MUNICIPALITY: "Муниципальное образование", BY_ORGANIZATION: "Организация"}


def _groups(region: Region, now: dt.datetime) -> list[tuple[str, list[StatRow]]]:
    return [
        ("Регион", [signal_stats_total(region=region, now=now)]),
        (GROUP_TITLES[BY_MUNICIPALITY], signal_stats(region=region, by=BY_MUNICIPALITY, now=now)),
        (GROUP_TITLES[BY_ORGANIZATION], signal_stats(region=region, by=BY_ORGANIZATION, now=now)),
    ]


def _ru(value: Decimal | None) -> str:
    return "" if value is None else str(value).replace(".", ",")


def stats_csv(*, region: Region, now: dt.datetime) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Разрез", "Наименование", *HEADERS])
    for title, rows in _groups(region, now):
        for row in rows:
            writer.writerow(
                [
                    title,
                    row.name,
                    row.signals,
                    row.answered,
                    _ru(row.average_days),
                    _ru(row.median_days),
                    row.overdue,
                    _ru(row.overdue_percent),
                    row.rated,
                    _ru(row.satisfied_percent),
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _fraction(value: Decimal | None) -> float | None:
    return None if value is None else float(value / 100)


def stats_xlsx(*, region: Region, now: dt.datetime) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in _groups(region, now):
        sheet = book.create_sheet(title[:31])
        sheet.append([title, *HEADERS])
        for row in rows:
            sheet.append(
                [
                    row.name,
                    row.signals,
                    row.answered,
                    None if row.average_days is None else float(row.average_days),
                    None if row.median_days is None else float(row.median_days),
                    row.overdue,
                    _fraction(row.overdue_percent),
                    row.rated,
                    _fraction(row.satisfied_percent),
                ]
            )
        for line in sheet.iter_rows(min_row=2):
            for cell, number_format in zip(
                line, ("@", "0", "0", "0.0", "0.0", "0", "0.0%", "0", "0.0%"), strict=True
            ):
                cell.number_format = number_format
        sheet.column_dimensions["A"].width = 48
        for column in range(2, 10):
            sheet.column_dimensions[get_column_letter(column)].width = 16
    listing = book.create_sheet("Сообщения")
    listing.append(
        [
            "№",
            "Опубликовано",
            "Муниципальное образование",
            "Категория",
            "Организация",
            "Статус",
            "Целевой срок",
        ]
    )
    tz_name = region.timezone
    for signal in signals_public(region=region):
        listing.append(
            [
                signal.pk,
                local_date(signal.published_at, tz_name) if signal.published_at else None,
                signal.municipality.name,
                SignalCategory(signal.category).label,
                signal.organization.display_name if signal.organization else "",
                SignalStatus(signal.status).label,
                local_date(signal.sla_due_at, tz_name) if signal.sla_due_at else None,
            ]
        )
    for line in listing.iter_rows(min_row=2):
        line[1].number_format = "DD.MM.YYYY"
        line[6].number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
