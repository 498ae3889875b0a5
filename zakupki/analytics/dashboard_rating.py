"""The public rating pages' reads around `selectors.region_rating`: parameter checks with field errors,
sorting by any column, one customer's drill-down, and the platform objects behind counted figures.

The rating itself is not recomputed here: the table, the drill-down, the exports and the API all show
the same `Rating` that `region_rating` returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db.models import Q

from zakupki.accounts.models import Organization, Region
from zakupki.analytics.formulas.base import PLATFORM, Counted
from zakupki.analytics.methodology import get_methodologies
from zakupki.analytics.selectors import Rating, RatingRow, methodology_version, region_methodology
from zakupki.contracts.models import Contract
from zakupki.core.errors import NotFound, ValidationFailed

SORT_PLACE, SORT_NAME, SORT_TOTAL, SORT_WEIGHTED = "place", "name", "total", "weighted"
POINTS_SUFFIX = ":points"
ASC, DESC = "asc", "desc"
SESSION_REF_PREFIX = "КС № "


def methodology_parse(raw: str | None, *, region: Region, year: int) -> str:
    """The methodology asked for (the region's choice when none is given), in force in `year`."""
    wanted = (raw or "").strip() or region_methodology(region)[0]
    methodologies = get_methodologies()
    if wanted not in methodologies:
        known = ", ".join(sorted(methodologies))
        raise ValidationFailed({"methodology": f"Неизвестная методика «{wanted}»; есть: {known}"})
    try:
        methodology_version(methodologies[wanted], year)
    except NotFound as exc:
        raise ValidationFailed({"year": exc.message}) from exc
    return wanted


@dataclass(frozen=True)
class PlacedRow:
    place: int  # the place in the rating, whatever column the table is sorted by
    row: RatingRow


def sort_keys(rating: Rating) -> tuple[str, ...]:
    """Every column a rating table may be sorted by."""
    keys = [SORT_PLACE, SORT_NAME]
    for indicator in rating.version.indicators:
        keys.append(indicator.id)
        if not indicator.informational:
            keys.append(indicator.id + POINTS_SUFFIX)
    keys.append(SORT_TOTAL)
    if rating.version.weighted:
        keys.append(SORT_WEIGHTED)
    return tuple(keys)


def _sort_value(placed: PlacedRow, key: str) -> Decimal | int | str | None:
    score = placed.row.score
    if key == SORT_PLACE:
        return placed.place
    if key == SORT_NAME:
        return placed.row.customer.display_name.casefold()
    if key == SORT_TOTAL:
        return score.total
    if key == SORT_WEIGHTED:
        return score.weighted
    points = key.endswith(POINTS_SUFFIX)
    ident = key.removesuffix(POINTS_SUFFIX) if points else key
    scored = next(s for s in score.indicators if s.indicator.id == ident)
    return scored.points if points else scored.result.value


def rating_sorted(rating: Rating, *, sort: str | None, direction: str | None) -> list[PlacedRow]:
    """The rows sorted by `sort` (place by default); rows without a figure go last either way, then by
    place, so that «нет данных» never passes for the smallest value."""
    key = sort or SORT_PLACE
    if key not in sort_keys(rating):
        raise ValidationFailed({"sort": f"Нельзя сортировать по «{key}»"})
    way = direction or ASC
    if way not in (ASC, DESC):
        raise ValidationFailed({"dir": "Направление сортировки — asc или desc"})
    placed = [PlacedRow(place, row) for place, row in enumerate(rating.rows, start=1)]
    present = [p for p in placed if _sort_value(p, key) is not None]
    missing = [p for p in placed if _sort_value(p, key) is None]
    # Stable sort, also reversed: equal figures keep the rating's order.
    present.sort(key=lambda p: cast(Any, _sort_value(p, key)), reverse=way == DESC)
    return present + missing


def rating_customer(rating: Rating, customer_id: int) -> PlacedRow:
    for place, row in enumerate(rating.rows, start=1):
        if row.customer.pk == customer_id:
            return PlacedRow(place, row)
    raise NotFound(
        f"Заказчик № {customer_id} не участвует в рейтинге региона {rating.region.code} за {rating.year} год",
        field="customer_id",
    )


@dataclass(frozen=True)
class Links:
    """Platform objects a counted figure can open: contract and session ids by the number shown."""

    contracts: dict[str, int]
    sessions: dict[str, int]

    def contract_id(self, what: Counted) -> int | None:
        if what.source != PLATFORM or what.kind != "contract":
            return None
        return self.contracts.get(what.ref)

    def session_id(self, what: Counted) -> int | None:
        if what.source != PLATFORM or what.kind != "session":
            return None
        return self.sessions.get(what.ref)


def counted_links(customer: Organization, counted: Iterable[Counted]) -> Links:
    refs = {c.ref for c in counted if c.source == PLATFORM and c.kind == "contract"}
    contracts: dict[str, int] = {}
    for pk, registry_number, number in (
        Contract.objects.filter(customer=customer)
        .filter(Q(registry_number__in=refs) | Q(number__in=refs))
        .values_list("pk", "registry_number", "number")
    ):
        # `platform_ref` shows the registry number when there is one, else the contract's own number.
        contracts[registry_number or number] = pk
    sessions = {
        c.ref: int(c.ref.removeprefix(SESSION_REF_PREFIX))
        for c in counted
        if c.source == PLATFORM and c.kind == "session" and c.ref.removeprefix(SESSION_REF_PREFIX).isdigit()
    }
    return Links(contracts=contracts, sessions=sessions)
