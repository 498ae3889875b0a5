"""Regions of the platform and their settings."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from zakupki.api.schemas.common import Input


class RegionOut(Schema):
    code: str
    name: str
    timezone: str
    joined_on: dt.date
    authority_name: str
    contact_email: str


class RegionCreateIn(Input):
    code: str = Field(..., max_length=3)
    name: str = Field("", max_length=200, description="По умолчанию: наименование субъекта РФ")
    timezone: str = Field(..., max_length=64)
    joined_on: dt.date
    authority_name: str = Field("", max_length=300)


class RegionUpdateIn(Input):
    """Only the fields sent are changed."""

    name: str = Field("", max_length=200)
    timezone: str = Field("", max_length=64)
    authority_name: str = Field("", max_length=300)
    contact_email: str = Field("", max_length=254)
