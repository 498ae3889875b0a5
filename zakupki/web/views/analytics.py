"""Public analytics pages of a region: the dashboard of its year, the customers' rating by a methodology
with sorting by any column, one customer's drill-down to the contracts behind each figure, and the
exports of every table (XLSX, CSV; the rating also as a PDF report). Nobody needs to sign in."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any, ParamSpec
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from zakupki.accounts.models import Region
from zakupki.accounts.selectors import region_get, region_list
from zakupki.analytics.dashboard import FIRST_YEAR, Dashboard, region_dashboard, year_parse
from zakupki.analytics.dashboard_rating import (
    ASC,
    DESC,
    SORT_PLACE,
    counted_links,
    methodology_parse,
    rating_customer,
    rating_sorted,
)
from zakupki.analytics.dashboard_report import rating_pdf
from zakupki.analytics.dashboard_tables import (
    DIRECTION_NAMES,
    KIND_NAMES,
    UNIT_KINDS,
    cell_text,
    customer_tables,
    dashboard_tables,
    figure_input,
    rating_table,
)
from zakupki.analytics.export import (
    DATE,
    DECIMAL,
    MONEY,
    PERCENT,
    Table,
    rating_csv,
    rating_xlsx,
    table_csv,
    tables_xlsx,
)
from zakupki.analytics.formulas.base import EIS
from zakupki.analytics.methodology import get_methodologies
from zakupki.analytics.selectors import Rating, region_rating
from zakupki.core.errors import NotFound
from zakupki.web.charts import NB, Bar, bar_chart_svg
from zakupki.web.errors import domain_errors

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX_TYPE, "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}
P = ParamSpec("P")
DAY_SLOT = 2  # pixels per day: a year by day is under 800 px wide, like the other charts on a laptop
MONTH_LABELS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def _not_found_shown(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """These pages say what was not found (a region, a customer in the rating, a year's data): the
    generic 404 page would hide it, and a citizen would not know whether to change the year or the code."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            request = args[0]
            assert isinstance(request, HttpRequest)  # noqa: S101 - every view's first argument
            return render(request, "web/error.html", {"message": exc.message}, status=404)

    return wrapper


def _no_data(region: Region, year: int) -> NotFound:
    return NotFound(f"Нет данных по региону «{region.name}» за {year} год")


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _table_file(tables: dict[str, Table], table: str, fmt: str, name: str) -> HttpResponse:
    """One of a page's tables as a file; `name` gets the table's slug."""
    if table not in tables:
        raise NotFound(f"Нет таблицы «{table}» на этой странице")
    return _file(tables[table], fmt, f"{name}-{table}")


def _file(table: Table, fmt: str, name: str) -> HttpResponse:
    if fmt == "csv":
        return _download(table_csv(table), fmt, name)
    if fmt == "xlsx":
        return _download(tables_xlsx([table]), fmt, name)
    raise NotFound("Формат не поддерживается: выберите XLSX или CSV")


def _compact(value: Decimal) -> str:
    """A chart label short enough for a bar: «950», «12,3 тыс», «1,2 млн»."""
    for size, word in ((Decimal(10) ** 9, "млрд"), (Decimal(10) ** 6, "млн"), (Decimal(10) ** 3, "тыс")):
        if abs(value) >= size:
            return f"{value / size:.1f}".replace(".", ",") + f"{NB}{word}"
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return f"{value:.1f}".replace(".", ",")


# ---------------------------------------------------------------------------------------- dashboard


@require_safe
def analytics_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/analytics/index.html", {"regions": region_list()})


def _year(request: HttpRequest, region: Region) -> int:
    return year_parse(request.GET.get("year"), region=region, now=timezone.now())


def _dashboard_charts(board: Dashboard) -> list[tuple[str, Any]]:
    months = board.monthly
    charts = [
        (
            "contracts_by_month",
            bar_chart_svg(
                chart_id="chart-months",
                title=f"Заключено контрактов по месяцам, {board.year}",
                description="Число контрактов (площадка и ЕИС); месяцы, которые ещё не наступили, — «нет данных»",
                bars=[
                    Bar(
                        MONTH_LABELS[m.month - 1],
                        None if m.days == 0 else Decimal(m.count),
                        f"{m.name}: {m.count}",
                    )
                    for m in months
                ],
                maximum=Decimal(max(m.count for m in months)),
                value_text=_compact,
            ),
        ),
        (
            "contracts_by_day",
            bar_chart_svg(
                chart_id="chart-days",
                title=f"Заключено контрактов по дням, {board.year}",
                description=f"Число контрактов за каждый день с 1 января ({board.days} дн.); подписи — первые дни месяцев",
                bars=[
                    Bar(
                        MONTH_LABELS[p.day.month - 1] if p.day.day == 1 else "",
                        Decimal(p.count),
                        f"{cell_text(p.day, DATE)}: {p.count}",
                    )
                    for p in board.daily
                ],
                maximum=Decimal(max(p.count for p in board.daily)),
                value_text=_compact,
                slot=DAY_SLOT,
            ),
        ),
        (
            "amount_by_month",
            bar_chart_svg(
                chart_id="chart-amounts",
                title=f"Сумма заключённых контрактов по месяцам, {board.year}, ₽",
                description="Сумма цен контрактов (площадка и ЕИС) по месяцам заключения",
                bars=[
                    Bar(
                        MONTH_LABELS[m.month - 1],
                        None if m.days == 0 else m.amount,
                        f"{m.name}: {cell_text(m.amount, MONEY)}",
                    )
                    for m in months
                ],
                maximum=max(m.amount for m in months),
                value_text=_compact,
            ),
        ),
        (
            "shares",
            bar_chart_svg(
                chart_id="chart-shares",
                title="Экономия, доля СМП, просрочки и расторжения, %",
                description="Номера столбцов — строки таблицы долей; «нет данных» — не ноль",
                bars=[
                    Bar(str(index), s.result.value, f"{s.title}: {cell_text(s.result.value, PERCENT)}")
                    for index, s in enumerate(board.shares, start=1)
                ],
            ),
        ),
    ]
    if board.supplier_regions:
        charts.append(
            (
                "suppliers",
                bar_chart_svg(
                    chart_id="chart-suppliers",
                    title="Поставщики по регионам",
                    description="Число поставщиков (по ИНН) из каждого региона: пять первых и прочие",
                    bars=[
                        Bar(str(index), Decimal(r.suppliers), f"{r.name}: {r.suppliers}")
                        for index, r in enumerate(board.supplier_regions, start=1)
                    ],
                    maximum=Decimal(max(r.suppliers for r in board.supplier_regions)),
                    value_text=_compact,
                ),
            )
        )
    return charts


@require_safe
@domain_errors
@_not_found_shown
def analytics_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    region = region_get(code=code)
    year = _year(request, region)
    now = timezone.now()
    board = region_dashboard(region=region, year=year, now=now)
    context: dict[str, Any] = {
        "region": region,
        "year": year,
        "years": list(range(year_parse(None, region=region, now=now), FIRST_YEAR - 1, -1)),
        "board": board,
        "tables": dashboard_tables(board) if board else {},
        "charts": dict(_dashboard_charts(board)) if board else {},
        "query": _query(year=year),
        "export_base": reverse("web:analytics_dashboard", args=[region.code]) + "export/",
    }
    return render(request, "web/analytics/dashboard.html", context)


@require_safe
@domain_errors
@_not_found_shown
def analytics_dashboard_export(request: HttpRequest, code: str, table: str, fmt: str) -> HttpResponse:
    region = region_get(code=code)
    year = _year(request, region)
    board = region_dashboard(region=region, year=year, now=timezone.now())
    if board is None:
        raise _no_data(region, year)
    return _table_file(dashboard_tables(board), table, fmt, f"analytics-{region.code}-{year}")


# ------------------------------------------------------------------------------------------- rating


def _rating(
    request: HttpRequest, code: str, *, with_counted: bool = True
) -> tuple[Region, int, str, Rating | None]:
    """`with_counted=False` for the table alone: the bulk path, without the contracts behind each figure."""
    region = region_get(code=code)
    year = _year(request, region)
    methodology = methodology_parse(request.GET.get("methodology"), region=region, year=year)
    rating = region_rating(
        region=region,
        year=year,
        methodology_id=methodology,
        as_of=timezone.now(),
        with_counted=with_counted,
    )
    return region, year, methodology, rating


def _rating_with_data(
    request: HttpRequest, code: str, *, with_counted: bool = True
) -> tuple[Region, int, str, Rating]:
    """For the exports and the drill-down: a year without data has nothing to open (404 «нет данных»)."""
    region, year, methodology, rating = _rating(request, code, with_counted=with_counted)
    if rating is None:
        raise _no_data(region, year)
    return region, year, methodology, rating


def _query(**params: str | int) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v != ""})


@require_safe
@domain_errors
@_not_found_shown
def analytics_rating(request: HttpRequest, code: str) -> HttpResponse:
    region, year, methodology, rating = _rating(request, code, with_counted=False)
    sort = request.GET.get("sort", "") or SORT_PLACE
    direction = request.GET.get("dir", "") or ASC
    context: dict[str, Any] = {
        "region": region,
        "year": year,
        "years": list(range(year_parse(None, region=region, now=timezone.now()), FIRST_YEAR - 1, -1)),
        "methodology": methodology,
        "methodologies": sorted(get_methodologies().values(), key=lambda m: m.id),
        "rating": rating,
        "query": _query(year=year, methodology=methodology),
    }
    if rating is not None:
        rows = rating_sorted(rating, sort=sort, direction=direction)
        keys, table = rating_table(rating, rows)
        context["header"] = [
            {
                "title": column.title,
                "key": key,
                "active": key == sort,
                "arrow": ("▲" if direction == ASC else "▼") if key == sort else "",
                "href": _query(
                    year=year,
                    methodology=methodology,
                    sort=key,
                    dir=DESC if key == sort and direction == ASC else ASC,
                )
                if key
                else "",
            }
            for key, column in zip(keys, table.columns, strict=True)
        ]
        context["rows"] = [
            {
                "customer_id": placed.row.customer.pk,
                "cells": [cell_text(v, c.kind) for v, c in zip(values, table.columns, strict=True)],
            }
            for placed, values in zip(rows, table.rows, strict=True)
        ]
    return render(request, "web/analytics/rating.html", context)


@require_safe
@domain_errors
@_not_found_shown
def analytics_rating_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    # only the XLSX has the sheet of counted objects; CSV and PDF are the table
    region, year, methodology, rating = _rating_with_data(request, code, with_counted=fmt == "xlsx")
    name = f"rating-{region.code}-{year}-{methodology}"
    if fmt == "xlsx":
        return _download(rating_xlsx(rating), fmt, name)
    if fmt == "csv":
        return _download(rating_csv(rating), fmt, name)
    if fmt == "pdf":
        return _download(rating_pdf(rating, now=timezone.now()), fmt, name)
    raise NotFound("Формат не поддерживается: выберите XLSX, CSV или PDF")


@require_safe
@domain_errors
@_not_found_shown
def analytics_customer(request: HttpRequest, code: str, customer_id: int) -> HttpResponse:
    region, year, methodology, rating = _rating_with_data(request, code)
    placed = rating_customer(rating, customer_id)
    links = counted_links(
        placed.row.customer, (c for s in placed.row.score.indicators for c in s.result.counted)
    )
    indicators = []
    for scored in placed.row.score.indicators:
        counted = []
        for what in scored.result.counted:
            contract_id, session_id = links.contract_id(what), links.session_id(what)
            href = ""
            if contract_id is not None:
                href = reverse("web:contract", args=[contract_id])
            elif session_id is not None:
                href = reverse("web:session", args=[session_id])
            counted.append(
                {"what": what, "kind": KIND_NAMES[what.kind], "eis": what.source == EIS, "href": href}
            )
        unit_kind = UNIT_KINDS.get(scored.indicator.unit, DECIMAL)
        indicators.append(
            {
                "scored": scored,
                "value": cell_text(scored.result.value, unit_kind),
                "numerator": cell_text(figure_input(scored.result.numerator, scored.result), DECIMAL) or "—",
                "denominator": cell_text(figure_input(scored.result.denominator, scored.result), DECIMAL)
                or "—",
                "direction": DIRECTION_NAMES[scored.indicator.direction],
                "thresholds": [
                    (points, cell_text(bound, DECIMAL))
                    for points, bound in zip((3, 2, 1), scored.thresholds or (), strict=False)
                ],
                "counted": counted,
            }
        )
    context = {
        "region": region,
        "year": year,
        "methodology": methodology,
        "rating": rating,
        "placed": placed,
        "indicators": indicators,
        "tables": customer_tables(placed),
        "query": _query(year=year, methodology=methodology),
        "export_base": reverse("web:analytics_customer", args=[region.code, customer_id]) + "export/",
    }
    return render(request, "web/analytics/customer.html", context)


@require_safe
@domain_errors
@_not_found_shown
def analytics_customer_export(
    request: HttpRequest, code: str, customer_id: int, table: str, fmt: str
) -> HttpResponse:
    region, year, methodology, rating = _rating_with_data(request, code)
    tables = customer_tables(rating_customer(rating, customer_id))
    return _table_file(tables, table, fmt, f"rating-{region.code}-{year}-{methodology}-{customer_id}")
