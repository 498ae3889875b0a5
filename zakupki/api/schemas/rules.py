"""Legal parameters in force and the production calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

VALUE_DESCRIPTION = (
    "Типизированное значение: деньги и проценты — строки (деньги с двумя знаками), целые и логические — "
    "числа и true/false, шкала — список ступеней {up_to, value}"
)


class RuleQuery(Schema):
    region: str | None = Field(None, max_length=3, description="Код региона: учитывает его значение")
    on: dt.date | None = Field(None, description="Дата (ГГГГ-ММ-ДД); по умолчанию сегодня")


class RuleOut(Schema):
    key: str
    title: str
    type: str
    unit: str
    value: Any = Field(..., description=VALUE_DESCRIPTION)
    text: str = Field(..., description="Значение по-русски, например «16 % с 22.12.2025»")
    valid_from: dt.date
    valid_until: dt.date | None = Field(..., description="Первый день, когда значение уже не действует")
    source: str
    tag: str
    origin: str = Field(..., description="base — общее значение; region — значение региона")
    region_code: str | None
    note: str


class RulePeriodOut(Schema):
    valid_from: dt.date
    valid_until: dt.date | None
    value: Any = Field(..., description=VALUE_DESCRIPTION)
    source: str
    tag: str


class RuleParameterOut(Schema):
    key: str
    title: str
    type: str
    unit: str
    source: str
    tag: str
    note: str
    regional: bool
    periods: list[RulePeriodOut]


class WorkingDaysQuery(Schema):
    start: dt.date
    days: int = Field(..., ge=0, le=3660, description="Рабочих дней после даты start (0 — сама дата)")


class WorkingDaysOut(Schema):
    start: dt.date
    days: int
    date: dt.date


class WorkingDayQuery(Schema):
    date: dt.date


class WorkingDayOut(Schema):
    date: dt.date
    is_working_day: bool
