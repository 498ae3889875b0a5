"""A tiny server-side SVG bar chart: no JavaScript, no library. The chart carries a <title> and a
description; each bar has its own <title>, and the page puts the same numbers in a table under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

NB = "\u00a0"
NO_DATA = "нет данных"

WIDTH_PER_BAR = 56
PLOT_HEIGHT = 160
TOP = 16
BOTTOM = 40
LEFT = 40
BAR_WIDTH = 36


def format_percent(value: Decimal | None) -> str:
    """«12,5 %» (non-breaking space); «нет данных» when there is no value, never 0 %."""
    if value is None:
        return NO_DATA
    return f"{value:.1f}".replace(".", ",") + f"{NB}%"


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar, e.g. «11.2026»
    value: Decimal | None  # percent 0..100 (or 0..maximum); None — no data, no bar
    description: str  # the bar's own <title>, e.g. «ноябрь 2026: 12,5 %»


def bar_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    maximum: Decimal | None = None,
    value_text: Callable[[Decimal], str] = format_percent,
    slot: int = WIDTH_PER_BAR,
) -> SafeString:
    """An inline <svg> of bars on a 0–100 % scale, or on 0–`maximum` for counts and sums (`value_text`
    writes their labels). Bars without a value are left out and their slot is labelled «нет данных», so
    an empty month never reads as 0 %. A narrower `slot` draws a dense series (a year by day): thin bars
    without a figure above each, which stays in the bar's <title> and the table."""
    top = Decimal(100) if maximum is None else max(maximum, Decimal(1))
    labelled = slot >= WIDTH_PER_BAR
    bar_width = BAR_WIDTH if labelled else max(slot - 1, 1)
    width = LEFT + slot * len(bars) + 8
    height = TOP + PLOT_HEIGHT + BOTTOM
    base = TOP + PLOT_HEIGHT
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-grid" stroke="#ccc"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="10">{}</text>',
        (
            (LEFT, base - PLOT_HEIGHT * p // 100, width, base - PLOT_HEIGHT * p // 100)
            + (LEFT - 4, base - PLOT_HEIGHT * p // 100 + 3, _grid_label(p, maximum, top, value_text))
            for p in (0, 50, 100)
        ),
    )
    items = []
    for index, bar in enumerate(bars):
        x = LEFT + slot * index + (slot - bar_width) // 2
        middle = x + bar_width // 2
        label = (
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text>',
                middle,
                base + 14,
                bar.label,
            )
            if bar.label
            else ""
        )
        if bar.value is None:
            mark = format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="9" class="chart-no-data">'
                "<title>{}</title>{}</text>",
                middle,
                base - 4,
                bar.description,
                NO_DATA,
            )
        else:
            bar_height = max(int(PLOT_HEIGHT * min(bar.value, top) / top), 1)
            mark = format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="#1f5fa8">'
                "<title>{}</title></rect>",
                x,
                base - bar_height,
                bar_width,
                bar_height,
                bar.description,
            )
            if labelled:
                mark += format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="9">{}</text>',
                    middle,
                    base - bar_height - 3,
                    value_text(bar.value),
                )
        items.append((mark, label))
    body = format_html_join("", "{}{}", items)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{}" height="{}" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title {}-desc"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "{}{}</svg>",
        width,
        height,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        grid,
        body,
    )


def _grid_label(
    percent: int, maximum: Decimal | None, top: Decimal, value_text: Callable[[Decimal], str]
) -> str:
    if maximum is None:
        return f"{percent}{NB}%"
    return value_text(top * percent / 100)
