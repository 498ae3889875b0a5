"""Subcontracts under ч.5 ст.30 in the API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from zakupki.api.schemas.common import Input


class SubcontractIn(Input):
    subcontractor_inn: str = Field(..., max_length=20, description="ИНН субподрядчика, 10 или 12 цифр")
    subcontractor_name: str = Field(..., max_length=500)
    subcontractor_is_smp: bool = Field(..., description="Субподрядчик — СМП или СОНКО")
    amount: str = Field(..., description='Сумма договора, ₽: "1000.00"')
    concluded_on: dt.date


class SubcontractOut(Schema):
    id: int
    subcontractor_inn: str
    subcontractor_name: str
    subcontractor_is_smp: bool
    amount: str
    concluded_on: dt.date
    created_at: dt.datetime
