"""Catalogue: public search and item cards; suppliers' offers (members of the supplier only).
Import is CLI-only (`manage.py import_catalog`, `manage.py import_offers`)."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router, Status

from zakupki.accounts.selectors import region_get
from zakupki.api.auth import AUTH, current_user
from zakupki.api.encoding import money_text
from zakupki.api.schemas.catalog import (
    CatalogFilters,
    CatalogPageOut,
    CategoryOut,
    CharacteristicOut,
    ItemDetailOut,
    ItemOut,
    OfferChangeIn,
    OfferIn,
    OfferOut,
    SupplierBrief,
)
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.catalog.models import CatalogItem, SupplierOffer
from zakupki.catalog.selectors import (
    catalog_search,
    category_list,
    format_quantity,
    item_buyable_offers,
    item_get,
    offer_get,
    supplier_offers,
)
from zakupki.catalog.services.offers import offer_publish, offer_revise, offer_withdraw, supplier_of

router = Router(tags=["Каталог"])


def _item_out(item: CatalogItem, *, best_price: Decimal | None = None, offers_count: int = 0) -> ItemOut:
    return ItemOut(
        ste_id=item.ste_id,
        name=item.name,
        category=CategoryOut(id=item.category.pk, name=item.category.name),
        kpgz_code=item.kpgz_code,
        okpd2_code=item.okpd2_code,
        okei_code=item.okei_code,
        unit_name=item.unit_name,
        best_price=None if best_price is None else money_text(best_price),
        offers_count=offers_count,
    )


def offer_out(offer: SupplierOffer) -> OfferOut:
    return OfferOut(
        id=offer.pk,
        ste_id=offer.item.ste_id,
        item_name=offer.item.name,
        supplier=SupplierBrief(
            id=offer.supplier.pk, name=offer.supplier.display_name, inn=offer.supplier.inn
        ),
        price=money_text(offer.price),
        stock=format_quantity(offer.stock).replace(",", "."),
        unit=offer.item.unit_short,
        regions=sorted(region.code for region in offer.delivery_regions.all()),
        valid_from=offer.valid_from,
        valid_until=offer.valid_until,
        status=offer.status,
    )


@router.get("/catalog/items", response={200: CatalogPageOut, ERROR_CODES: ErrorOut})
def catalog_items(request: HttpRequest, filters: Query[CatalogFilters]) -> CatalogPageOut:
    """Поиск по каталогу СТЕ с учётом морфологии; фильтры по категории, региону поставки и цене."""
    region = region_get(code=filters.region) if filters.region else None
    page = catalog_search(
        query=filters.q,
        category_id=filters.category,
        region=region,
        price_min=filters.price_min,
        price_max=filters.price_max,
        sort=filters.sort,
        page=filters.page,
        per_page=filters.per_page,
    )
    return CatalogPageOut(
        items=[
            _item_out(hit.item, best_price=hit.best_price, offers_count=hit.offers_count) for hit in page.hits
        ],
        page=page.number,
        per_page=page.per_page,
        total=page.total,
        pages=page.num_pages,
    )


@router.get("/catalog/categories", response={200: list[CategoryOut], ERROR_CODES: ErrorOut})
def catalog_categories(request: HttpRequest) -> list[CategoryOut]:
    """Категории каталога в порядке русского алфавита."""
    return [CategoryOut(id=category.pk, name=category.name) for category in category_list()]


@router.get("/catalog/items/{ste_id}", response={200: ItemDetailOut, ERROR_CODES: ErrorOut})
def catalog_item(request: HttpRequest, ste_id: str, region: str | None = None) -> ItemDetailOut:
    """Карточка СТЕ и оферты, по которым можно купить сегодня (в регионе `region`, если указан)."""
    item = item_get(ste_id=ste_id)
    where = region_get(code=region) if region else None
    buyable = list(item_buyable_offers(item=item, region=where))
    best = min((offer.price for offer in buyable), default=None)
    brief = _item_out(item, best_price=best, offers_count=len(buyable))
    return ItemDetailOut(
        **brief.model_dump(),
        characteristics=[CharacteristicOut(**c) for c in item.characteristics],
        offers=[offer_out(offer) for offer in buyable],
    )


@router.get("/catalog/offers", auth=AUTH, response={200: list[OfferOut], ERROR_CODES: ErrorOut})
def my_offers(request: HttpRequest) -> list[OfferOut]:
    """Оферты организации-поставщика текущего пользователя: действующие и отозванные."""
    supplier = supplier_of(current_user(request))
    return [offer_out(offer) for offer in supplier_offers(supplier=supplier)]


@router.post("/catalog/offers", auth=AUTH, response={201: OfferOut, ERROR_CODES: ErrorOut})
def offer_create(request: HttpRequest, payload: OfferIn) -> Status[OfferOut]:
    """Опубликовать оферту на СТЕ (сотрудник подтверждённого поставщика)."""
    user = current_user(request)
    supplier_of(user)
    item = item_get(ste_id=payload.ste_id)
    offer = offer_publish(
        supplier_user=user,
        item=item,
        price=payload.price,
        stock=payload.stock,
        region_codes=payload.region_codes,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
    )
    return Status(201, offer_out(offer_get(offer_id=offer.pk)))


@router.patch("/catalog/offers/{offer_id}", auth=AUTH, response={200: OfferOut, ERROR_CODES: ErrorOut})
def offer_change(request: HttpRequest, offer_id: int, payload: OfferChangeIn) -> OfferOut:
    """Изменить цену, остаток, регионы или срок действия своей оферты."""
    user = current_user(request)
    offer = offer_revise(
        supplier_user=user,
        offer=offer_get(offer_id=offer_id),
        price=payload.price,
        stock=payload.stock,
        region_codes=payload.region_codes,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
    )
    return offer_out(offer_get(offer_id=offer.pk))


@router.post(
    "/catalog/offers/{offer_id}/withdraw", auth=AUTH, response={200: OfferOut, ERROR_CODES: ErrorOut}
)
def offer_withdraw_view(request: HttpRequest, offer_id: int) -> OfferOut:
    """Отозвать свою оферту."""
    offer = offer_withdraw(supplier_user=current_user(request), offer=offer_get(offer_id=offer_id))
    return offer_out(offer_get(offer_id=offer.pk))
