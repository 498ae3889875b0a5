"""Contracts: shapes of the API. Money is a string with two decimals ("416724.00")."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from zakupki.api.schemas.acceptance import AcceptanceCommissionOut, AcceptanceFileOut, AcceptanceVoteOut
from zakupki.api.schemas.common import Input


class PartyOut(Schema):
    id: int
    name: str
    inn: str


class ContractListItemOut(Schema):
    id: int
    number: str
    registry_number: str | None
    status: str
    status_label: str
    subject: str
    price: str
    customer: PartyOut
    supplier: PartyOut
    my_side: str


class ContractItemOut(Schema):
    id: int
    position: int
    name: str
    unit: str
    quantity: str
    unit_price: str
    amount: str


class StageOut(Schema):
    id: int
    number: int
    due_date: dt.date
    amount: str
    status: str
    status_label: str


class AcceptanceLineOut(Schema):
    item_id: int
    quantity: str
    amount: str
    accepted_quantity: str
    accepted_amount: str


class PaymentOut(Schema):
    id: int
    amount: str
    paid_on: dt.date


class AcceptanceDocumentOut(Schema):
    id: int
    stage_number: int
    number: str
    version: int
    status: str
    status_label: str
    total: str
    submitted_at: dt.datetime
    decision_due_at: dt.datetime
    decided_at: dt.datetime | None
    refusal_reason: str
    accepted_amount: str
    payment_due_at: dt.datetime | None
    paid_amount: str
    payment_overdue: bool
    lines: list[AcceptanceLineOut]
    payments: list[PaymentOut]
    files: list[AcceptanceFileOut] = []  # the signed PDFs (schemas/acceptance.py)
    votes: list[AcceptanceVoteOut] = []


class TerminationOut(Schema):
    kind: str
    reason: str
    notice_at: dt.datetime | None
    effective_at: dt.datetime | None
    terminated_at: dt.datetime | None


class ContractDetailOut(ContractListItemOut):
    supplier_signed_at: dt.datetime | None
    customer_signed_at: dt.datetime | None
    concluded_at: dt.datetime | None
    items: list[ContractItemOut]
    stages: list[StageOut]
    acceptance_documents: list[AcceptanceDocumentOut]
    termination: TerminationOut | None
    acceptance_commission: AcceptanceCommissionOut | None = None


class LineIn(Input):
    item_id: int
    quantity: str = Field(..., description='Количество: "10", "2.5"')


class AcceptanceSubmitIn(Input):
    stage_number: int = 1
    lines: list[LineIn]


class AcceptanceCorrectIn(Input):
    lines: list[LineIn]


class AcceptanceDecideIn(Input):
    full: bool = False
    accepted_lines: list[LineIn] | None = None
    refuse_reason: str = Field("", max_length=2000)


class PaymentIn(Input):
    amount: str = Field(..., description='Сумма, ₽: "1000.00"')
    paid_on: dt.date


class ReasonIn(Input):
    reason: str = Field(..., max_length=2000)


class CourtIn(Input):
    decision_ref: str = Field(..., max_length=2000)


class SigningKeyIn(Input):
    valid_days: int = 365


class SigningKeyOut(Schema):
    serial: str
    valid_from: dt.datetime
    valid_until: dt.datetime
