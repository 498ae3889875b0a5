"""Quotation sessions: shapes of the API. Money is a string with two decimals ("416724.00")."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from zakupki.api.encoding import money_text
from zakupki.api.schemas.common import Input
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession


class SessionItemIn(Input):
    name: str = Field(..., max_length=500)
    unit: str = Field(..., max_length=50)
    quantity: str = Field(..., description='Количество, до трёх знаков после запятой: "100", "2.5"')
    unit_price: str = Field(..., description='Начальная цена за единицу, ₽: "350.00"')
    catalog_ref: str = Field("", max_length=64, description="Идентификатор СТЕ, если позиция из каталога")


class SessionCreateIn(Input):
    title: str = Field(..., max_length=500)
    items: list[SessionItemIn]
    duration_hours: int = Field(..., description="Продолжительность из разрешённых в регионе (3, 6 или 24 ч)")
    delivery_terms: str = Field("", max_length=5000)
    subject_kind: Literal["goods", "works"] = "goods"
    start_price: str | None = Field(None, description="НМЦК; если передана, должна равняться сумме позиций")
    smp_only: bool = Field(
        False, description="Только для СМП и СОНКО: предложения других поставщиков не принимаются"
    )


class BidIn(Input):
    price: str = Field(..., description='Цена, ₽, не более двух знаков после запятой: "49500.00"')


class AutoBidIn(Input):
    floor_price: str = Field(..., description="Минимальная цена, ниже которой автоставка не опускается, ₽")


class RefuseIn(Input):
    reason: str = Field(..., max_length=1000)


class SessionItemOut(Schema):
    position: int
    name: str
    unit: str
    quantity: str
    unit_price: str
    catalog_ref: str


class SessionListItemOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    customer_name: str
    region_code: str
    start_price: str
    best_price: str | None
    bids_count: int
    smp_only: bool = Field(..., description="Только для СМП и СОНКО")
    published_at: dt.datetime | None
    ends_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj: QuotationSession) -> str:
        return str(SessionStatus(obj.status).label)

    @staticmethod
    def resolve_customer_name(obj: QuotationSession) -> str:
        return obj.customer.display_name

    @staticmethod
    def resolve_region_code(obj: QuotationSession) -> str:
        return obj.region.code

    @staticmethod
    def resolve_start_price(obj: QuotationSession) -> str:
        return money_text(obj.start_price)

    @staticmethod
    def resolve_best_price(obj: QuotationSession) -> str | None:
        return None if obj.best_price is None else money_text(obj.best_price)


class LadderEntryOut(Schema):
    seq: int
    label: str = Field(..., description="«Участник N»")
    price: str
    placed_at: dt.datetime
    is_own: bool
    is_auto: bool | None = Field(None, description="Только для своих предложений и после подведения итогов")
    supplier_name: str | None = Field(None, description="Только после подведения итогов")
    supplier_inn: str | None = Field(None, description="Только после подведения итогов")


class MyPositionOut(Schema):
    label: str | None
    rank: int | None
    best_price: str | None
    is_leader: bool
    autobid_floor: str | None


class RankingEntryOut(Schema):
    rank: int
    label: str
    supplier_name: str
    supplier_inn: str
    price: str
    placed_at: dt.datetime


class ResultOut(Schema):
    winner_name: str | None
    winning_price: str | None
    economy_rub: str | None
    economy_pct: str | None
    protocol_url: str | None
    ranking: list[RankingEntryOut]


class OfferOut(Schema):
    id: int
    rank: int
    label: str
    price: str
    status: str
    status_label: str
    offered_at: dt.datetime
    due_at: dt.datetime
    is_mine: bool


class SessionDetailOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    customer_name: str
    region_timezone: str
    subject_kind: str
    smp_only: bool = Field(..., description="Только для СМП и СОНКО")
    delivery_terms: str
    duration_hours: int
    start_price: str
    step_min: str | None
    step_max: str | None
    best_price: str | None
    bids_count: int
    participants_count: int
    published_at: dt.datetime | None
    ends_at: dt.datetime | None
    is_open: bool
    seconds_left: int
    next_price_max: str | None = Field(None, description="Наибольшая допустимая цена следующего предложения")
    next_price_min: str | None = Field(None, description="Наименьшая допустимая цена следующего предложения")
    items: list[SessionItemOut]
    ladder: list[LadderEntryOut] = Field(..., description="Предложения, последние первыми")
    me: MyPositionOut | None = Field(None, description="Позиция организации пользователя, если она поставщик")
    result: ResultOut | None = Field(None, description="Итоги: после завершения сессии")
    offer: OfferOut | None = Field(None, description="Действующее предложение заключить контракт")


class SessionStateOut(Schema):
    """The bidding state after one's own bid: what a bidder needs next, without the ladder and items (the
    live page and `GET /sessions/{id}` carry those), so that the hot path stays cheap."""

    id: int
    status: str
    status_label: str
    best_price: str | None
    bids_count: int
    participants_count: int
    ends_at: dt.datetime | None
    is_open: bool
    seconds_left: int
    next_price_max: str | None
    next_price_min: str | None
    me: MyPositionOut | None


class BidOut(Schema):
    seq: int
    price: str
    placed_at: dt.datetime
    session: SessionStateOut


class AutoBidOut(Schema):
    active: bool
    floor_price: str
    session: SessionDetailOut


class ContractOfferResultOut(Schema):
    contract_id: int | None = None
    contract_number: str | None = None
    session: SessionDetailOut
