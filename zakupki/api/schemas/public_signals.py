"""Citizens' signals: shapes of the API. Percentages and days are strings with one decimal, or null
when there is no data."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from zakupki.api.schemas.common import Input


class MunicipalityOut(Schema):
    id: int
    name: str
    region: str


class SignalListItemOut(Schema):
    id: int
    status: str
    status_label: str
    category: str
    category_label: str
    municipality: str
    organization: str | None
    text: str
    published_at: dt.datetime | None
    answer_due_at: dt.datetime | None
    deadline_state: str
    deadline_label: str


class PhotoOut(Schema):
    id: int
    url: str
    width: int
    height: int
    content_type: str


class AnswerOut(Schema):
    id: int
    organization: str
    text: str
    status: str
    status_label: str
    submitted_at: dt.datetime
    moderation_comment: str
    rating: str


class SignalDetailOut(SignalListItemOut):
    region: str
    session_id: int | None
    contract_registry_number: str | None
    facility_address: str
    reject_reason: str
    legal_due_at: dt.datetime | None
    answered_at: dt.datetime | None
    returns_count: int
    rating: str
    photos: list[PhotoOut]
    answers: list[AnswerOut]


class SignalSubmitForm(Schema):
    category: str = ""
    municipality_id: int | None = None
    text: str = ""
    session_id: int | None = None
    contract_registry_number: str = ""
    facility_address: str = ""


class PublishIn(Input):
    organization_id: int | None = None


class RejectIn(Input):
    reason: str


class AnswerIn(Input):
    text: str


class AnswerRejectIn(Input):
    comment: str


class RateIn(Input):
    rating: str
    send_back: bool = False


class ModerationQueueOut(Schema):
    signals: list[SignalDetailOut]
    answers: list[AnswerOut]


class StatRowOut(Schema):
    id: int | None
    name: str
    signals: int
    answered: int
    average_days: str | None
    median_days: str | None
    overdue: int
    overdue_percent: str | None
    rated: int
    satisfied_percent: str | None


class StatsOut(Schema):
    region: str
    total: StatRowOut
    by_municipality: list[StatRowOut]
    by_organization: list[StatRowOut]
