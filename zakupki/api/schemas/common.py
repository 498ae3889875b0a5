"""Shapes shared by every router: the error body and the codes that carry it."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict

# Every error status an endpoint may answer with; all of them carry `ErrorOut`.
ERROR_CODES = frozenset({400, 401, 403, 404, 405, 409, 422, 429})


class ErrorItem(Schema):
    field: str | None
    code: str
    message: str


class ErrorOut(Schema):
    errors: list[ErrorItem]


class RegionBrief(Schema):
    code: str
    name: str


class Input(Schema):
    """Write shapes refuse fields they do not know (a typo is an error, not a silent no-op)."""

    model_config = ConfigDict(extra="forbid")
