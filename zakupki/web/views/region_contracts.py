"""The regional admin's contract-execution dashboard: the share of concluded contracts executed late or
terminated, per customer of the region, with a monthly trend."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from zakupki.accounts.models import Region
from zakupki.accounts.roles import is_platform_admin, is_regional_admin_of
from zakupki.accounts.selectors import region_get
from zakupki.contracts.region_stats import MonthPoint, region_contract_stats
from zakupki.core.errors import PermissionDenied
from zakupki.core.timeutil import MONTHS_RU
from zakupki.web.charts import Bar, bar_chart_svg, format_percent
from zakupki.web.errors import acting_user, domain_errors

MSG_ONLY_REGIONAL_ADMIN = "Страница доступна только администратору региона"
MSG_ONLY_THIS_REGION = "Страница доступна только администратору этого региона"


def _dashboard_region(request: HttpRequest) -> Region:
    user = acting_user(request)
    code = request.GET.get("code", "").strip()
    if code and is_platform_admin(user):
        return region_get(code=code)
    if code and user.region is not None and user.region.code != code:
        raise PermissionDenied(MSG_ONLY_THIS_REGION)
    if user.region is None or not is_regional_admin_of(user, user.region):
        raise PermissionDenied(MSG_ONLY_REGIONAL_ADMIN)
    return user.region


def _month_name(point: MonthPoint) -> str:
    return f"{MONTHS_RU[point.month.month - 1]} {point.month.year}"


@require_safe
@login_required
@domain_errors
def region_contracts(request: HttpRequest) -> HttpResponse:
    region = _dashboard_region(request)
    stats = region_contract_stats(region=region, now=timezone.now())
    trend = [
        {
            "name": _month_name(point),
            "concluded": point.concluded,
            "late_or_terminated": point.late_or_terminated,
            "share": format_percent(point.share),
        }
        for point in stats.trend
    ]
    chart = bar_chart_svg(
        chart_id="trend-chart",
        title="Доля контрактов, исполненных с просрочкой или расторгнутых, по месяцам заключения",
        description=f"{_month_name(stats.trend[0])} — {_month_name(stats.trend[-1])}; "
        "месяцы без заключённых контрактов отмечены «нет данных»",
        bars=[
            Bar(
                label=f"{point.month:%m.%Y}",
                value=point.share,
                description=f"{_month_name(point)}: {format_percent(point.share)}",
            )
            for point in stats.trend
        ],
    )
    context: dict[str, Any] = {
        "region": region,
        "rows": [{"row": row, "share": format_percent(row.share)} for row in stats.customers],
        "total": {"row": stats.total, "share": format_percent(stats.total.share)},
        "trend": trend,
        "chart": chart,
    }
    return render(request, "web/contracts/region.html", context)
