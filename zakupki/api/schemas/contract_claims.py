"""Claims against the supplier and termination documents in the API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from zakupki.api.schemas.acceptance import SignatureOut
from zakupki.api.schemas.common import Input


class ClaimIn(Input):
    stage_number: int
    kind: str = Field(..., description="delay_penalty — пеня за просрочку, fine — штраф")
    breach: str = Field("", max_length=2000, description="Нарушение (обязательно для штрафа)")


class ClaimPaidIn(Input):
    paid_on: dt.date


class ClaimOut(Schema):
    id: int
    number: int
    stage_number: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    breach: str
    calculated_on: dt.date
    amount: str
    working: str
    raised_at: dt.datetime
    paid_on: dt.date | None
    written_off: str | None
    to_pay: str | None
    close_note: str
    sha256: str
    pdf_url: str
    signatures: list[SignatureOut]


class TerminationPaperOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    sha256: str
    created_at: dt.datetime
    pdf_url: str
    signatures: list[SignatureOut]
