"""Stored bundles of customer figures (`CustomerYearFigures`): which of them a run may use, and storing them.

A bundle is stored for a calendar year and read back by runs of that whole year, so a national rating reads
60 000 rows instead of scanning tens of millions. It stays exact because (ADR 0010):
- database triggers bump the customer's `CustomerChange.version` on every write that can move a figure,
  and a bundle counts only while its version is the current one (it is computed after reading the version,
  so a write during the computation makes it stale, never wrong);
- «terminated» depends on the run's `as_of` through pending terminations, so a bundle records the window of
  `as_of` in which none of its customer's pending terminations takes effect;
- local dates depend on the region's time zone, which the bundle records;
- «late» moves with the calendar and is never stored.
A customer whose bundle is missing or invalid is computed live by the run; the worker stores it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection
from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Now

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, Region
from zakupki.analytics.bulk.figures import FORMAT, CustomerFigures, platform_figures
from zakupki.analytics.formulas.base import Period
from zakupki.analytics.models import CustomerChange, CustomerYearFigures
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract


def whole_year(period: Period) -> int | None:
    """The year of a period that is one whole calendar year (the only periods bundles are stored for)."""
    year = period.date_to.year
    if period.date_from == dt.date(year, 1, 1) and period.date_to == dt.date(year, 12, 31):
        return year
    return None


def _current_version() -> Coalesce:
    versions = CustomerChange.objects.filter(customer_id=OuterRef("customer_id")).values("version")
    return Coalesce(Subquery(versions[:1]), Value(0))


def id_batch() -> int:
    """How many ids one `IN (…)` list may hold here (SQLite allows 999 parameters per statement)."""
    return (connection.features.max_query_params or 10_000) - 50


def stored_figures(customers: Sequence[int], period: Period) -> dict[int, CustomerFigures]:
    """The valid stored bundles of `customers` for `period` (none unless it is a whole calendar year)."""
    year = whole_year(period)
    if year is None or not customers:
        return {}
    as_of, size = period.as_of, id_batch()
    found: dict[int, CustomerFigures] = {}
    for start in range(0, len(customers), size):
        rows = (
            CustomerYearFigures.objects.filter(
                customer_id__in=customers[start : start + size], year=year, format=FORMAT
            )
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=as_of))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=as_of))
            .annotate(current=_current_version())
            .values_list(
                "customer_id", "figures", "version", "current", "timezone", "customer__region__timezone"
            )
        )
        found.update(
            (customer_id, CustomerFigures.from_json(figures))
            for customer_id, figures, version, current, zone, region_zone in rows
            if version == current and zone == region_zone
        )
    return found


def _windows(
    customers: Sequence[int] | None, as_of: dt.datetime
) -> dict[int, tuple[dt.datetime | None, dt.datetime | None]]:
    """{customer id: (valid from, valid until)} for customers with a pending termination: the last one that
    took effect by `as_of` and the first one after it. A terminated contract with no date at all counts
    from `as_of` itself (`passes.ended_on`), so its customer's bundle is valid for that instant only:
    an empty window."""
    pending = Q(status=ContractStatus.TERMINATION_PENDING, termination_effective_at__isnull=False)
    undated = Q(
        status=ContractStatus.TERMINATED, terminated_at__isnull=True, termination_effective_at__isnull=True
    )
    rows = Contract.objects.filter(pending | undated)
    if customers is not None:
        rows = rows.filter(customer_id__in=customers)
    result = {}
    for customer_id, since, until, undated_count in (
        rows.values("customer_id")
        .annotate(
            since=Max("termination_effective_at", filter=pending & Q(termination_effective_at__lte=as_of)),
            until=Min("termination_effective_at", filter=pending & Q(termination_effective_at__gt=as_of)),
            undated=Count("pk", filter=undated),
        )
        .values_list("customer_id", "since", "until", "undated")
        .order_by()
    ):
        result[customer_id] = (as_of, as_of) if undated_count else (since, until)
    return result


def customer_figures_store(
    *, regions: Sequence[Region], year: int, as_of: dt.datetime, customers: Sequence[int] | None = None
) -> int:
    """Compute and store the bundles of the year for the customers of `regions` (only `customers` when
    given); returns how many were stored. Versions are read first: a write that lands during the
    computation bumps the version past the stored one, so the bundle is not used and is stored again."""
    chosen = Organization.objects.filter(kind=OrganizationKind.CUSTOMER, region__in=list(regions))
    if customers is not None:  # a few (the worker's one): a whole region or year passes None
        chosen = chosen.filter(pk__in=customers)
    ids_zones = list(chosen.values_list("pk", "region__timezone"))
    versions = dict(CustomerChange.objects.filter(customer__in=chosen).values_list("customer_id", "version"))
    period = Period.year(year, as_of=as_of)
    figures = platform_figures(regions, period, customers=customers)
    windows = _windows(customers, as_of)
    empty = CustomerFigures()
    rows = [
        CustomerYearFigures(
            customer_id=pk,
            year=year,
            version=versions.get(pk, 0),
            format=FORMAT,
            timezone=zone,
            as_of=as_of,
            valid_from=windows.get(pk, (None, None))[0],
            valid_until=windows.get(pk, (None, None))[1],
            figures=figures.get(pk, empty).to_json(),
        )
        for pk, zone in ids_zones
    ]
    CustomerYearFigures.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["customer", "year"],
        update_fields=[
            "version",
            "format",
            "timezone",
            "as_of",
            "valid_from",
            "valid_until",
            "figures",
            "stored_at",
        ],
    )
    _due_again_if_changed(chosen, year)
    return len(rows)


def _due_again_if_changed(customers: QuerySet[Organization], year: int) -> None:
    """A customer whose version moved while its bundle was computed (or whose newer bundle this one just
    overwrote) is made due again, so the worker stores it anew."""
    stale = (
        CustomerYearFigures.objects.filter(customer__in=customers, year=year)
        .annotate(current=_current_version())
        .exclude(version=F("current"))
        .values("customer_id")
    )
    CustomerChange.objects.filter(customer_id__in=Subquery(stale), next_check_at__isnull=True).update(
        next_check_at=Now()
    )
