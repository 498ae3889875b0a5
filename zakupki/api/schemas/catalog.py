"""Catalogue: search results, item cards with offers, and a supplier's offers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from zakupki.api.schemas.common import Input

SortName = Literal["relevance", "price_asc", "price_desc", "name"]


class CatalogFilters(Schema):
    q: str = Field("", max_length=200, description="Слова запроса; формы слов не важны («мячи футбольные»)")
    category: int | None = Field(None, description="ID категории")
    region: str | None = Field(None, max_length=3, description="Код региона: только СТЕ с офертами туда")
    price_min: Decimal | None = Field(None, ge=0, description="Лучшая цена действующих оферт, от")
    price_max: Decimal | None = Field(None, ge=0, description="Лучшая цена действующих оферт, до")
    sort: SortName = "relevance"
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=100)


class CategoryOut(Schema):
    id: int
    name: str


class CharacteristicOut(Schema):
    name: str
    value: str
    unit: str


class ItemOut(Schema):
    ste_id: str
    name: str
    category: CategoryOut
    kpgz_code: str
    okpd2_code: str
    okei_code: str
    unit_name: str
    best_price: str | None = Field(None, description="Лучшая цена за единицу среди оферт, доступных сегодня")
    offers_count: int = 0


class CatalogPageOut(Schema):
    items: list[ItemOut]
    page: int
    per_page: int
    total: int
    pages: int


class SupplierBrief(Schema):
    id: int
    name: str
    inn: str


class OfferOut(Schema):
    id: int
    ste_id: str
    item_name: str
    supplier: SupplierBrief
    price: str
    stock: str
    unit: str
    regions: list[str]
    valid_from: dt.date
    valid_until: dt.date
    status: str


class ItemDetailOut(ItemOut):
    characteristics: list[CharacteristicOut]
    offers: list[OfferOut]


class OfferIn(Input):
    ste_id: str = Field(..., max_length=32)
    price: Decimal = Field(..., description="Цена за единицу, ₽, не более двух знаков после запятой")
    stock: Decimal = Field(..., description="Остаток в единицах СТЕ")
    region_codes: list[str] = Field(..., description="Коды регионов поставки")
    valid_from: dt.date
    valid_until: dt.date


class OfferChangeIn(Input):
    price: Decimal | None = None
    stock: Decimal | None = None
    region_codes: list[str] | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
