"""Direct purchases from offers, purchases by need, and the customer's small-purchase limits.

Money goes out as strings with two decimals ("416724.00"); it comes in as a JSON string or number with at
most two decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from zakupki.api.schemas.common import Input

NeedStatusName = Literal["draft", "published", "closed", "awarded", "converted", "cancelled"]


class LimitOut(Schema):
    basis: str = Field(..., description="p4 | p5")
    basis_label: str
    year: int
    contract_cap: str = Field(..., description="Предельная цена одного контракта, ₽")
    annual_cap: str = Field(..., description="Годовой объём закупок по основанию, ₽")
    spent: str = Field(..., description="Использовано в этом году, ₽")
    remaining: str = Field(..., description="Остаток годового объёма, ₽")


class LimitsOut(Schema):
    customer_id: int
    limits: list[LimitOut]


class OrganizationBrief(Schema):
    id: int
    name: str
    inn: str
    region: str


class DirectPurchaseIn(Input):
    offer_id: int
    quantity: Decimal = Field(
        ..., description="Количество в единицах СТЕ, не более трёх знаков после запятой"
    )
    expected_unit_price: Decimal | None = Field(
        None,
        description="Цена за единицу, которую видел покупатель; если поставщик её изменил — 409 price_changed",
    )


class DirectPurchaseOut(Schema):
    id: int
    status: str
    customer: OrganizationBrief
    supplier: OrganizationBrief
    offer_id: int
    ste_id: str
    item_name: str
    unit: str
    quantity: str
    unit_price: str
    total: str
    contract_number: str | None
    created_at: dt.datetime


class NeedIn(Input):
    title: str = Field(..., max_length=300)
    description: str = Field(..., max_length=5000)
    max_price: Decimal = Field(..., description="Максимальная цена, ₽")
    deadline: dt.datetime = Field(..., description="Окончание приёма предложений, ISO 8601 со смещением")
    basis: Literal["p4", "p5"] = "p4"


class NeedFilters(Schema):
    region: str | None = Field(None, max_length=3, description="Код региона заказчика")
    status: NeedStatusName | None = Field(
        None, description="published — идёт приём; closed — срок истёк (по часам, не по обработчику)"
    )


class NeedOut(Schema):
    id: int
    status: str = Field(..., description="Статус по часам: опубликованная потребность после срока — closed")
    status_label: str
    title: str
    description: str
    max_price: str
    basis: str
    deadline: dt.datetime
    published_at: dt.datetime | None
    customer: OrganizationBrief
    proposals_count: int
    status_reason: str
    session_id: int | None = Field(None, description="Котировочная сессия, в которую переведена потребность")


class ProposalOut(Schema):
    id: int
    supplier: OrganizationBrief
    price: str
    terms: str
    status: str
    submitted_at: dt.datetime
    attachment_sha256: str | None
    attachment_title: str | None


class AwardOut(Schema):
    proposal_id: int
    supplier: OrganizationBrief
    price: str
    reason: str
    contract_number: str
    awarded_at: dt.datetime


class NeedDetailOut(NeedOut):
    proposals: list[ProposalOut] = Field(
        ...,
        description="Поставщику — его предложение; заказчику — все действующие после окончания приёма",
    )
    award: AwardOut | None


class AttachmentIn(Input):
    name: str = Field(..., max_length=200)
    content_type: str = Field(..., max_length=100)
    content_base64: str = Field(..., description="Содержимое файла в base64, не более 10 МБ")


class ProposalIn(Input):
    price: Decimal = Field(..., description="Цена предложения, ₽, не выше максимальной цены потребности")
    terms: str = Field(..., max_length=5000)
    attachment: AttachmentIn | None = None


class AwardIn(Input):
    proposal_id: int
    reason: str = Field(..., max_length=1000)


class ReasonIn(Input):
    reason: str = Field(..., max_length=1000)


class ConvertIn(Input):
    duration_hours: int = Field(
        ..., description="Продолжительность котировочной сессии, ч (3, 6 или 24 — по правилам региона)"
    )
    subject_kind: Literal["goods", "works"] = Field(
        "goods", description="goods — товары, works — работы, услуги"
    )
    smp_only: bool = Field(False, description="Сессия только для СМП и СОНКО")
