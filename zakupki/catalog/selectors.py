"""Reads of the catalogue: search with Russian morphology, item cards, offers and whether one can be bought."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, FloatField, IntegerField, Min, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Collate
from django.utils import timezone

from zakupki.accounts.models import Organization, Region
from zakupki.catalog.enums import CatalogSort, OfferStatus
from zakupki.catalog.models import CatalogItem, Category, SupplierOffer
from zakupki.catalog.okei import unit_short
from zakupki.catalog.search import PG_CONFIG, stems, uses_postgres_search
from zakupki.core.collation import order_by_russian, russian_collation_name
from zakupki.core.errors import DomainError, NotFound, ValidationFailed
from zakupki.core.money import format_rub, round_money
from zakupki.core.timeutil import format_ru_date, local_date

PLATFORM_TZ = "Europe/Moscow"
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 200


def region_today(region: Region | None) -> dt.date:
    """Today's date where the buyer is (Moscow time when no region is known)."""
    return local_date(timezone.now(), region.timezone if region is not None else PLATFORM_TZ)


def format_quantity(value: Decimal) -> str:
    """Decimal("5.000") -> "5"; Decimal("2.500") -> "2,5"."""
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --- offers ---------------------------------------------------------------------------------------------


def _buyable_offer_q(*, on: dt.date, region: Region | None, prefix: str = "") -> Q:
    conditions = {
        f"{prefix}status": OfferStatus.ACTIVE,
        f"{prefix}valid_from__lte": on,
        f"{prefix}valid_until__gte": on,
        f"{prefix}stock__gt": 0,
    }
    if region is not None:
        conditions[f"{prefix}delivery_regions"] = region
    return Q(**conditions)


def offer_buyable(*, offer: SupplierOffer, region: Region, on: dt.date, quantity: Decimal) -> None:
    """Raises DomainError with the Russian reason if `quantity` of the offer cannot be bought in `region`
    on `on` (the buyer's local date); returns None when it can."""
    if quantity <= 0:
        raise DomainError("Количество должно быть больше нуля", field="quantity")
    if offer.status != OfferStatus.ACTIVE:
        raise DomainError("Оферта отозвана поставщиком", code="offer_withdrawn")
    if on < offer.valid_from:
        raise DomainError(f"Оферта действует с {format_ru_date(offer.valid_from)}", code="offer_not_started")
    if on > offer.valid_until:
        raise DomainError(
            f"Срок действия оферты истёк {format_ru_date(offer.valid_until)}", code="offer_expired"
        )
    if not offer.delivery_regions.filter(pk=region.pk).exists():
        raise DomainError(f"Оферта не действует в регионе {region.name}", code="offer_region")
    if offer.stock < quantity:
        unit = unit_short(offer.item.okei_code, offer.item.unit_name)
        raise DomainError(
            f"Недостаточно товара: в наличии {format_quantity(offer.stock)} {unit}",
            field="quantity",
            code="offer_stock",
        )


def item_buyable_offers(
    *, item: CatalogItem, region: Region | None = None, on: dt.date | None = None
) -> QuerySet[SupplierOffer]:
    """Offers one can buy today (in the region, if given): cheapest first."""
    day = on or region_today(region)
    return (
        SupplierOffer.objects.filter(item=item)
        .filter(_buyable_offer_q(on=day, region=region))
        .select_related("supplier", "supplier__region")
        .prefetch_related("delivery_regions")
        .order_by("price", "pk")
        .distinct()
    )


def supplier_offers(*, supplier: Organization) -> QuerySet[SupplierOffer]:
    return (
        SupplierOffer.objects.filter(supplier=supplier)
        .select_related("item", "item__category")
        .prefetch_related("delivery_regions")
        .order_by("status", "-created_at", "-pk")
    )


def offer_get(*, offer_id: int) -> SupplierOffer:
    offer = (
        SupplierOffer.objects.select_related("item", "supplier", "supplier__region")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise NotFound("Оферта не найдена")
    return offer


# --- items ----------------------------------------------------------------------------------------------


def category_list() -> QuerySet[Category]:
    return order_by_russian(Category.objects.all(), "name")


def item_get(*, ste_id: str) -> CatalogItem:
    item = CatalogItem.objects.select_related("category").filter(ste_id=ste_id).first()
    if item is None:
        raise NotFound(f"СТЕ {ste_id} не найдена в каталоге")
    return item


@dataclass(frozen=True)
class CatalogHit:
    item: CatalogItem
    best_price: Decimal | None
    offers_count: int

    @property
    def best_price_text(self) -> str:
        return format_rub(self.best_price)


@dataclass(frozen=True)
class CatalogPage:
    hits: list[CatalogHit]
    number: int
    per_page: int
    total: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _text_filter(qs: QuerySet[CatalogItem], query: str) -> QuerySet[CatalogItem]:
    query_stems = stems(query)
    if not query_stems:
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    if uses_postgres_search():
        search = SearchQuery(query, config=PG_CONFIG, search_type="plain")
        return qs.filter(search_vector=search).annotate(rank=SearchRank(F("search_vector"), search))
    for stem in query_stems:
        qs = qs.filter(search_stems__contains=f" {stem} ")
    in_name = [
        Case(When(search_name_stems__contains=f" {stem} ", then=1), default=0, output_field=IntegerField())
        for stem in query_stems
    ]
    score: Combinable = in_name[0]
    for part in in_name[1:]:
        score = score + part
    return qs.annotate(rank=score)


def catalog_search(
    *,
    query: str = "",
    category_id: int | None = None,
    region: Region | None = None,
    price_min: Decimal | None = None,
    price_max: Decimal | None = None,
    sort: str = CatalogSort.RELEVANCE,
    page: int = 1,
    per_page: int = 20,
    on: dt.date | None = None,
) -> CatalogPage:
    """Search the catalogue. Prices are those of offers one can buy on `on` (default: today where the
    buyer is), delivering to `region` when given; `best_price` is the lowest of them."""
    errors: dict[str, str] = {}
    query = query.strip()
    if len(query) > MAX_QUERY_LENGTH:
        errors["q"] = f"Запрос длиннее {MAX_QUERY_LENGTH} символов"
    if sort not in CatalogSort.values:
        errors["sort"] = "Неизвестный порядок сортировки"
    if price_min is not None and price_min < 0:
        errors["price_min"] = "Цена не может быть отрицательной"
    if price_max is not None and price_max < 0:
        errors["price_max"] = "Цена не может быть отрицательной"
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = "Максимальная цена меньше минимальной"
    if not 1 <= per_page <= MAX_PER_PAGE:
        errors["per_page"] = f"На странице от 1 до {MAX_PER_PAGE} позиций"
    if page < 1:
        errors["page"] = "Номер страницы начинается с 1"
    if errors:
        raise ValidationFailed(errors)

    day = on or region_today(region)
    buyable = _buyable_offer_q(on=day, region=region, prefix="offers__")
    qs = _text_filter(CatalogItem.objects.select_related("category"), query)
    if category_id is not None:
        qs = qs.filter(category_id=category_id)
    qs = qs.annotate(
        best_price=Min("offers__price", filter=buyable),
        offers_count=Count("offers", filter=buyable, distinct=True),
    )
    if region is not None:
        qs = qs.filter(offers_count__gt=0)
    if price_min is not None:
        qs = qs.filter(best_price__gte=price_min)
    if price_max is not None:
        qs = qs.filter(best_price__lte=price_max)

    by_name = Collate(F("name"), russian_collation_name())
    ordering: list[str | Combinable]
    if sort == CatalogSort.PRICE_ASC:
        ordering = [F("best_price").asc(nulls_last=True), by_name.asc(), "pk"]
    elif sort == CatalogSort.PRICE_DESC:
        ordering = [F("best_price").desc(nulls_last=True), by_name.asc(), "pk"]
    elif sort == CatalogSort.NAME or not stems(query):
        ordering = [by_name.asc(), "pk"]
    else:
        ordering = [F("rank").desc(), by_name.asc(), "pk"]
    qs = qs.order_by(*ordering)

    paginator = Paginator(qs, per_page)
    current = paginator.get_page(page)
    hits = [
        CatalogHit(
            item=item,
            best_price=None if item.best_price is None else round_money(item.best_price),  # type: ignore[attr-defined]
            offers_count=item.offers_count,  # type: ignore[attr-defined]
        )
        for item in current.object_list
    ]
    return CatalogPage(
        hits=hits,
        number=current.number,
        per_page=per_page,
        total=paginator.count,
        num_pages=paginator.num_pages,
    )
