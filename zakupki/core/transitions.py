"""Lifecycles as explicit tables: one place says which status may follow which."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django.db.models import TextChoices

from zakupki.core.errors import InvalidTransition

S = TypeVar("S", bound=TextChoices)


def check_transition(table: Mapping[S, frozenset[S]], before: S, after: S, *, what: str) -> None:
    if after not in table.get(before, frozenset()):
        raise InvalidTransition(f"{what}: переход «{before.label}» → «{after.label}» недопустим")
