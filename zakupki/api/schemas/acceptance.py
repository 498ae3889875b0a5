"""Acceptance as signed documents: the PDFs and their signatures, the commission and its votes."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from zakupki.api.schemas.common import Input


class SignatureOut(Schema):
    signer_id: int
    signer_name: str
    purpose: str
    signed_at: dt.datetime


class AcceptanceFileOut(Schema):
    kind: str
    kind_label: str
    title: str
    sha256: str
    url: str
    signatures: list[SignatureOut]


class AcceptanceVoteOut(Schema):
    member_id: int
    member_name: str
    verdict: str
    verdict_label: str
    dissent_reason: str
    voted_at: dt.datetime


class CommissionMemberOut(Schema):
    user_id: int
    name: str
    is_chair: bool


class AcceptanceCommissionOut(Schema):
    appointed_at: dt.datetime
    members: list[CommissionMemberOut]


class CommissionIn(Input):
    member_ids: list[int] = Field(..., description="Сотрудники заказчика — члены комиссии")
    chair_id: int = Field(..., description="Председатель (один из членов)")


class VoteIn(Input):
    verdict: Literal["approve", "dissent"]
    reason: str = Field("", max_length=2000, description="Особое мнение (обязательно при несогласии)")
