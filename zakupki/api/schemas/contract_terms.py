"""Contract terms: changes by agreement, the stage plan of a draft, signing deadlines. Money and
quantities are strings ("6500.00", "10.5")."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from zakupki.api.schemas.common import Input


class SigningDueOut(Schema):
    contract_id: int
    contract_number: str
    side: str = Field(..., description='"supplier" | "customer": чья подпись ожидается')
    due_at: dt.datetime
    overdue: bool


class ChangeLineOut(Schema):
    item_id: int
    name: str
    quantity_before: str
    quantity_after: str
    unit_price_before: str
    unit_price_after: str
    amount_before: str
    amount_after: str


class ChangeOut(Schema):
    id: int
    number: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    reason: str
    price_before: str
    price_after: str
    proposed_at: dt.datetime
    supplier_signed_at: dt.datetime | None
    in_force_at: dt.datetime | None
    closed_at: dt.datetime | None
    close_reason: str
    document_sha256: str
    lines: list[ChangeLineOut]


class PlannedStageOut(Schema):
    number: int
    due_date: dt.date
    amount: str
    items: list[dict[str, str | int]]


class ContractTermsOut(Schema):
    contract_id: int
    price: str
    signing: SigningDueOut | None
    stages: list[PlannedStageOut]
    changes: list[ChangeOut]


class ChangeLineIn(Input):
    item_id: int
    quantity: str | None = Field(None, description='Новое количество (вид "quantity"): "11", "9.5"')
    unit_price: str | None = Field(
        None, description='Новая цена за единицу (вид "price_reduction"): "450.00"'
    )


class ChangeProposeIn(Input):
    kind: str = Field(..., description='"quantity" | "price_reduction"')
    reason: str = Field(..., max_length=2000)
    lines: list[ChangeLineIn]


class ChangeCloseIn(Input):
    reason: str = Field("", max_length=2000)


class StageQuantityIn(Input):
    item_id: int
    quantity: str


class StagePlanStageIn(Input):
    due_date: dt.date
    quantities: list[StageQuantityIn]


class StagePlanIn(Input):
    stages: list[StagePlanStageIn]
