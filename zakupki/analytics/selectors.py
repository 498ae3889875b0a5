"""Reads of analytics: a region's methodology choice, indicator values, and the customers' rating."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, Region
from zakupki.analytics.bulk import bulk_values
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import IndicatorValue, Period, Scope
from zakupki.analytics.formulas.competition import summed_up_sessions
from zakupki.analytics.formulas.contracts_in_scope import imported_contracts, platform_contracts
from zakupki.analytics.methodology import Methodology, Version, get_methodologies
from zakupki.analytics.models import RegionMethodologyChoice
from zakupki.analytics.scoring import Score, score
from zakupki.analytics.thresholds import Thresholds
from zakupki.core.errors import NotFound

DEFAULT_METHODOLOGY = "common"


@dataclass(frozen=True)
class RatingRow:
    customer: Organization
    score: Score


@dataclass(frozen=True)
class Rating:
    region: Region
    year: int
    methodology: Methodology
    version: Version
    overrides: dict[str, Thresholds]
    rows: tuple[RatingRow, ...]  # by Rп descending, then fewer «нет данных», then name


def region_methodology(region: Region) -> tuple[str, dict[str, Thresholds]]:
    """The region's methodology id and threshold overrides (the default methodology, none, if not chosen)."""
    choice = RegionMethodologyChoice.objects.filter(region=region).first()
    if choice is None:
        return DEFAULT_METHODOLOGY, {}
    overrides = {
        ident: (Decimal(a), Decimal(b), Decimal(c)) for ident, (a, b, c) in choice.threshold_overrides.items()
    }
    return choice.methodology_id, overrides


def methodology_version(methodology: Methodology, year: int) -> Version:
    version = methodology.version_on(dt.date(year, 12, 31)) or methodology.version_on(dt.date(year, 1, 1))
    if version is None:
        raise NotFound(f"Методика «{methodology.id}» не действовала в {year} году", field="year")
    return version


def indicator_values(version: Version, scope: Scope, period: Period) -> dict[str, IndicatorValue]:
    return {i.id: FORMULAS[i.formula](scope, period) for i in version.indicators}


def _active_customers(region: Region, period: Period) -> list[Organization]:
    """Customers with a contract or a summed-up session in the period: one that bought nothing is not rated."""
    scope = Scope(region=region)
    ids = set(platform_contracts(scope, period).order_by().values_list("customer_id", flat=True).distinct())
    ids |= set(summed_up_sessions(scope, period).order_by().values_list("customer_id", flat=True).distinct())
    inns = set(imported_contracts(scope, period).order_by().values_list("customer_inn", flat=True).distinct())
    customers = Organization.objects.filter(kind=OrganizationKind.CUSTOMER, region=region)
    return [c for c in customers.order_by("pk") if c.pk in ids or c.inn in inns]


def region_has_data(region: Region, period: Period) -> bool:
    scope = Scope(region=region)
    return (
        platform_contracts(scope, period).exists()
        or summed_up_sessions(scope, period).exists()
        or imported_contracts(scope, period).exists()
    )


def region_rating(
    *, region: Region, year: int, methodology_id: str | None, as_of: dt.datetime, with_counted: bool = True
) -> Rating | None:
    """Every active customer of the region with its values, points and Rп; None when the region has no
    data for the year (no contracts, no sessions, nothing imported) — «нет данных», never a table of zeros.

    `with_counted=False` takes the bulk path (analytics/bulk): same values, points and order, with empty
    `counted` lists — for tables of the whole region; True keeps the contracts behind every figure."""
    chosen, chosen_overrides = region_methodology(region)
    wanted = methodology_id or chosen
    methodologies = get_methodologies()
    if wanted not in methodologies:
        raise NotFound(f"Неизвестная методика «{wanted}»", field="methodology")
    methodology = methodologies[wanted]
    version = methodology_version(methodology, year)
    overrides = chosen_overrides if wanted == chosen else {}
    period = Period.year(year, as_of=as_of)
    if not region_has_data(region, period):
        return None
    customers = _active_customers(region, period)
    if with_counted:
        # the drill-downs and exports list the contracts behind each figure: the per-customer formulas
        values = {c.pk: indicator_values(version, Scope(region, c), period) for c in customers}
    else:
        # the bulk twins: a few GROUP BY customer queries for the region, the same figures, no lists
        bulk = bulk_values(
            {i.formula for i in version.indicators}, customers, regions=[region], period=period
        )
        values = {c.pk: {i.id: bulk[c.pk][i.formula] for i in version.indicators} for c in customers}
    rows = [RatingRow(c, score(version, values[c.pk], overrides)) for c in customers]
    rows.sort(
        key=lambda r: (-r.score.total, len(r.score.no_data_ids), r.customer.display_name, r.customer.pk)
    )
    return Rating(region, year, methodology, version, overrides, tuple(rows))
