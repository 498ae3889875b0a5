"""The customers' rating as a PDF report (WeasyPrint through `documents.pdf.render_pdf`): title, region,
year, the methodology with its version and source, the table, what had no data and why, and when the
report was made. It prints the same table as the page (`dashboard_tables.rating_table`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zakupki.analytics.dashboard_rating import PlacedRow
from zakupki.analytics.dashboard_tables import cell_text, rating_table
from zakupki.analytics.selectors import Rating
from zakupki.core.timeutil import format_ru_date, format_ru_datetime
from zakupki.documents.pdf import render_pdf

REPORT_TEMPLATE = "analytics/rating_report.html"
TAG_NAMES = {"V": "проверено по источнику", "B": "по косвенным данным", "U": "не проверено"}


def rating_report_context(rating: Rating, *, now: dt.datetime) -> dict[str, Any]:
    _, table = rating_table(rating, [PlacedRow(place, row) for place, row in enumerate(rating.rows, 1)])
    version = rating.version
    in_force = f"с {format_ru_date(version.effective_from)}" + (
        f" по {format_ru_date(version.effective_to)}" if version.effective_to else ""
    )
    notes = [
        (row.customer.display_name, s.indicator.id, s.result.no_data_reason or "")
        for row in rating.rows
        for s in row.score.indicators
        if s.result.value is None
    ]
    return {
        "title": "Рейтинг заказчиков по эффективности закупок",
        "rating": rating,
        "methodology": rating.methodology,
        "tag_text": TAG_NAMES.get(rating.methodology.tag, rating.methodology.tag),
        "in_force": in_force,
        "overrides": sorted(rating.overrides),
        "header": [column.title for column in table.columns],
        "rows": [
            [cell_text(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
            for row in table.rows
        ],
        "notes": notes,
        "generated_at": format_ru_datetime(now, rating.region.timezone),
        "timezone": rating.region.timezone,
    }


def rating_pdf(rating: Rating, *, now: dt.datetime) -> bytes:
    return render_pdf(REPORT_TEMPLATE, rating_report_context(rating, now=now))
