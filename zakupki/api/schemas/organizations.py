"""Organization cards: the public part for anyone, the private part for those `can_view_private` lets in."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from zakupki.api.schemas.common import Input, RegionBrief


class OrganizationOut(Schema):
    id: int
    kind: str
    status: str
    name: str
    short_name: str
    inn: str
    kpp: str
    ogrn: str
    region: RegionBrief
    is_smp: bool
    is_sonko: bool


class MemberOut(Schema):
    username: str
    full_name: str
    role: str


class OrganizationPrivateOut(Schema):
    email: str
    phone: str
    status_reason: str
    status_changed_at: dt.datetime | None
    confirmation_due_at: dt.datetime | None
    members: list[MemberOut]


class OrganizationCardOut(OrganizationOut):
    private: OrganizationPrivateOut | None = Field(
        None, description="Контакты, сотрудники, причина статуса: только для допущенных пользователей"
    )


class PendingCustomerOut(OrganizationOut):
    email: str
    phone: str
    created_at: dt.datetime
    confirmation_due_at: dt.datetime | None


class OrganizationFilters(Schema):
    region: str | None = Field(None, max_length=3, description="Код региона")
    kind: Literal["customer", "supplier", "control_body"] | None = None
    q: str = Field("", max_length=200, description="Часть наименования или ИНН целиком")


class RejectIn(Input):
    reason: str = Field(..., max_length=500)
