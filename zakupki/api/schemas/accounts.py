"""Users, personal API tokens and self-registration."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import AwareDatetime

from zakupki.accounts.models import User
from zakupki.accounts.roles import role_of
from zakupki.api.schemas.common import Input, RegionBrief


class OrganizationBrief(Schema):
    id: int
    name: str
    kind: str
    status: str


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    organization: OrganizationBrief | None
    region: RegionBrief | None = Field(
        None, description="Регион организации пользователя или его собственный"
    )

    @staticmethod
    def resolve_role(obj: User) -> str:
        return role_of(obj)

    @staticmethod
    def resolve_region(obj: User) -> RegionBrief | None:
        region = obj.home_region
        return RegionBrief(code=region.code, name=region.name) if region is not None else None


class TokenCreateIn(Input):
    name: str = Field(..., max_length=100)
    expires_at: AwareDatetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    key: str = Field(..., description="Ключ показывается один раз, сохраните его")


class PersonIn(Input):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)
    full_name: str = Field(..., max_length=300)
    email: str = Field("", max_length=254)


class OrganizationRegistrationIn(Input):
    kind: Literal["supplier", "customer"]
    inn: str = Field(..., max_length=20)
    kpp: str = Field("", max_length=20, description="Пусто для индивидуального предпринимателя")
    ogrn: str = Field(..., max_length=20, description="ОГРН (13 цифр) или ОГРНИП (15 цифр)")
    name: str = Field(..., max_length=500)
    short_name: str = Field("", max_length=200)
    region_code: str = Field(..., max_length=3)
    is_smp: bool = False
    is_sonko: bool = False
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    user: PersonIn


class CitizenRegistrationIn(PersonIn):
    region_code: str = Field(..., max_length=3)
