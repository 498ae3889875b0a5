"""Shapes of the oversight endpoints: complaints, decisions, the control body's dashboard, bans, РНП."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from zakupki.api.schemas.common import Input


class ComplaintAttachmentIn(Input):
    name: str = Field(..., max_length=200)
    content_type: str = Field(..., max_length=100)
    content_base64: str = Field(..., description="Содержимое файла в base64, не более 10 МБ")


class ComplaintIn(Input):
    target_kind: str = Field(..., description="quotation_session | need")
    target_id: int
    subject: str = Field(..., description="terms — положения извещения; result — протокол, результаты")
    respondent: str = Field(..., description="customer | commission | operator")
    grounds: list[str] = Field(..., description="Доводы жалобы, каждый отдельной строкой")
    remedy: str = Field(..., max_length=2000)
    attachments: list[ComplaintAttachmentIn] = Field(default_factory=list)


class AcceptIn(Input):
    suspend: bool = Field(..., description="Приостановить закупку (без итогов и контракта) до решения")


class ReturnIn(Input):
    reason: str = Field(..., max_length=2000)


class DecideIn(Input):
    decision: str = Field(..., description="justified | partly_justified | unfounded")
    decision_text: str = Field(..., max_length=10000)
    order_text: str = Field("", max_length=5000, description="Предписание заказчику (по обоснованной жалобе)")
    order_due: dt.date | None = Field(None, description="Срок исполнения предписания (дата в регионе)")


class ReportIn(Input):
    report: str = Field(..., max_length=5000)


class PartyOut(Schema):
    id: int
    name: str
    inn: str


class StepOut(Schema):
    step: str
    step_label: str
    title: str
    sha256: str
    signed_by: str | None
    signed_as: str | None
    signed_at: dt.datetime | None


class OrderOut(Schema):
    text: str
    due_at: dt.datetime
    status: str
    status_label: str
    overdue: bool
    executed_at: dt.datetime | None
    report_text: str


class ComplaintOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    target_kind: str
    target_id: int
    target_title: str
    subject: str
    respondent: str
    region: str
    customer: PartyOut
    complainant: PartyOut
    control_body: PartyOut
    grounds: list[str]
    remedy: str
    filed_at: dt.datetime
    review_due_at: dt.datetime
    review_overdue: bool
    accepted_at: dt.datetime | None
    suspends: bool
    returned_at: dt.datetime | None
    return_reason: str
    withdrawn_at: dt.datetime | None
    decided_at: dt.datetime | None
    decision: str
    decision_label: str
    decision_text: str
    order: OrderOut | None
    documents: list[StepOut]


class DashboardOut(Schema):
    due: list[ComplaintOut]
    overdue: list[ComplaintOut]
    open_orders: list[ComplaintOut]
    overdue_orders: list[ComplaintOut]


class BanOut(Schema):
    id: int
    supplier: PartyOut
    region: str | None
    reason: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    source: str
    in_force: bool


class RnpOut(Schema):
    id: int
    supplier: PartyOut
    reason: str
    referred_at: dt.datetime
    until: dt.date
    contract_number: str
    registry_number: str | None
    customer_name: str
    decision_at: dt.datetime | None
    terminated_at: dt.datetime | None
    region: str
