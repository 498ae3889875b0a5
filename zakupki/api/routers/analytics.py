"""Public analytics of a region: the dashboard of a year, the customers' rating by a methodology, and one
customer's drill-down to the objects behind each figure. No sign-in; the same reads as the pages."""

from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from zakupki.accounts.models import Organization, Region
from zakupki.accounts.selectors import region_get
from zakupki.analytics.dashboard import Dashboard, Share, region_dashboard, year_parse
from zakupki.analytics.dashboard_rating import (
    Links,
    PlacedRow,
    counted_links,
    methodology_parse,
    rating_customer,
    rating_sorted,
)
from zakupki.analytics.formulas.base import IndicatorValue
from zakupki.analytics.selectors import Rating, region_rating
from zakupki.api.schemas.analytics import (
    CountedOut,
    CustomerBrief,
    CustomerRatingOut,
    DashboardOut,
    DayOut,
    FigureOut,
    IndicatorOut,
    MethodologyOut,
    MonthOut,
    RatingOut,
    RatingRowOut,
    ShareOut,
    SourcesOut,
    SupplierRegionOut,
)
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut, RegionBrief
from zakupki.core.errors import NotFound

router = Router(tags=["Аналитика"])

NO_DATA = "нет данных"


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _figure(result: IndicatorValue, links: Links | None) -> FigureOut:
    return FigureOut(
        value=_text(result.value),
        unit=result.unit,
        numerator=_text(result.numerator),
        denominator=_text(result.denominator),
        label=result.label,
        no_data_reason=result.no_data_reason,
        counted=[
            CountedOut(source=c.source, kind=c.kind, ref=c.ref, contract_id=links.contract_id(c))
            for c in result.counted
        ]
        if links is not None
        else [],
    )


def _region(region: Region) -> RegionBrief:
    return RegionBrief(code=region.code, name=region.name)


def _share(share: Share) -> ShareOut:
    sources = SourcesOut(platform=share.sources.platform, eis=share.sources.eis, label=share.sources.label)
    return ShareOut(key=share.key, title=share.title, figure=_figure(share.result, None), sources=sources)


def _dashboard(region: Region, year: int, board: Dashboard | None) -> DashboardOut:
    if board is None:
        return DashboardOut(
            region=_region(region),
            year=year,
            no_data=True,
            message=f"{NO_DATA}: за {year} год по региону нет ни одного заключённого контракта",
            count=None,
            amount=None,
            per_day=None,
            days=None,
            sources=None,
            platform_amount=None,
            eis_amount=None,
            monthly=[],
            daily=[],
            shares=[],
            supplier_regions=[],
            suppliers=None,
        )
    return DashboardOut(
        region=_region(region),
        year=year,
        no_data=False,
        message=None,
        count=board.count,
        amount=_money(board.amount),
        per_day=str(board.per_day),
        days=board.days,
        sources=SourcesOut(platform=board.sources.platform, eis=board.sources.eis, label=board.sources.label),
        platform_amount=_money(board.platform_amount),
        eis_amount=_money(board.eis_amount),
        monthly=[
            MonthOut(
                month=m.month,
                name=m.name,
                count=m.count,
                amount=_money(m.amount),
                days=m.days,
                per_day=_text(m.per_day),
            )
            for m in board.monthly
        ],
        daily=[DayOut(date=p.day, count=p.count, amount=_money(p.amount)) for p in board.daily],
        shares=[_share(s) for s in board.shares],
        supplier_regions=[
            SupplierRegionOut(
                name=r.name,
                code=r.code,
                suppliers=r.suppliers,
                contracts=r.contracts,
                amount=_money(r.amount),
                regions=r.regions,
            )
            for r in board.supplier_regions
        ],
        suppliers=board.suppliers,
    )


@router.get("/analytics/regions/{code}/dashboard", response={200: DashboardOut, ERROR_CODES: ErrorOut})
def dashboard(request: HttpRequest, code: str, year: str | None = None) -> DashboardOut:
    """Итоги года по региону: заключённые контракты (площадка и ЕИС), по месяцам и по дням, экономия,
    доля СМП, доли контрактов с просрочкой и расторгнутых, поставщики по регионам (пять первых и прочие).
    Год по умолчанию — текущий в часовом поясе региона. Нет контрактов за год — `no_data: true`."""
    region = region_get(code=code)
    now = timezone.now()
    chosen = year_parse(year, region=region, now=now)
    return _dashboard(region, chosen, region_dashboard(region=region, year=chosen, now=now))


def _rating(
    code: str, year: str | None, methodology: str | None, *, with_counted: bool
) -> tuple[Region, int, Rating | None]:
    region = region_get(code=code)
    now = timezone.now()
    chosen = year_parse(year, region=region, now=now)
    method = methodology_parse(methodology, region=region, year=chosen)
    found = region_rating(
        region=region, year=chosen, methodology_id=method, as_of=now, with_counted=with_counted
    )
    return region, chosen, found


def _methodology(rating: Rating) -> MethodologyOut:
    return MethodologyOut(
        id=rating.methodology.id,
        name=rating.methodology.name,
        source=rating.methodology.source,
        tag=rating.methodology.tag,
        effective_from=rating.version.effective_from,
        effective_to=rating.version.effective_to,
        weighted=rating.version.weighted,
        overrides=sorted(rating.overrides),
    )


def _customer(customer: Organization) -> CustomerBrief:
    return CustomerBrief(id=customer.pk, name=customer.display_name, inn=customer.inn)


def _row(placed: PlacedRow, links: Links | None) -> RatingRowOut:
    score = placed.row.score
    return RatingRowOut(
        place=placed.place,
        customer=_customer(placed.row.customer),
        total=score.total,
        weighted=_text(score.weighted),
        no_data=list(score.no_data_ids),
        indicators=[
            IndicatorOut(
                id=s.indicator.id,
                name=s.indicator.name,
                unit=s.indicator.unit,
                direction=str(s.indicator.direction),
                informational=s.indicator.informational,
                weight=_text(s.indicator.weight),
                thresholds=None if s.thresholds is None else [str(b) for b in s.thresholds],
                points=s.points,
                figure=_figure(s.result, links),
            )
            for s in score.indicators
        ],
    )


@router.get("/analytics/regions/{code}/rating", response={200: RatingOut, ERROR_CODES: ErrorOut})
def rating(
    request: HttpRequest,
    code: str,
    year: str | None = None,
    methodology: str | None = None,
    sort: str | None = None,
    dir: str | None = None,  # the same query parameter name as the page
) -> RatingOut:
    """Рейтинг заказчиков региона по методике (по умолчанию — выбранной регионом): значения и баллы по
    показателям, Rп. Сортировка: `sort` — place, name, total, weighted, id показателя или
    `<id>:points`; `dir` — asc или desc; строки без значения — в конце. Объекты, учтённые в показателях
    (`counted`), — в расшифровке по заказчику. Нет данных за год — `no_data: true`."""
    region, chosen, found = _rating(code, year, methodology, with_counted=False)
    if found is None:
        return RatingOut(
            region=_region(region),
            year=chosen,
            no_data=True,
            message=f"{NO_DATA}: за {chosen} год в регионе нет контрактов, котировочных сессий и данных ЕИС",
            methodology=None,
            rows=[],
        )
    rows = rating_sorted(found, sort=sort, direction=dir)
    return RatingOut(
        region=_region(region),
        year=chosen,
        no_data=False,
        message=None,
        methodology=_methodology(found),
        rows=[_row(placed, None) for placed in rows],
    )


@router.get(
    "/analytics/regions/{code}/rating/{customer_id}", response={200: CustomerRatingOut, ERROR_CODES: ErrorOut}
)
def rating_customer_detail(
    request: HttpRequest, code: str, customer_id: int, year: str | None = None, methodology: str | None = None
) -> CustomerRatingOut:
    """Расшифровка по заказчику: значение, числитель, знаменатель, как считается, баллы и границы каждого
    показателя, и учтённые объекты (контракты площадки — с id, контракты ЕИС — по реестровому номеру)."""
    region, chosen, found = _rating(code, year, methodology, with_counted=True)
    if found is None:
        raise NotFound(f"Нет данных по региону «{region.name}» за {chosen} год", field="year")
    placed = rating_customer(found, customer_id)
    links = counted_links(
        placed.row.customer, (c for s in placed.row.score.indicators for c in s.result.counted)
    )
    return CustomerRatingOut(
        region=_region(region),
        year=chosen,
        methodology=_methodology(found),
        rows_total=len(found.rows),
        row=_row(placed, links),
    )
