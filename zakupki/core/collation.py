"""Russian alphabetical order, the same on PostgreSQL (ICU) and on the embedded SQLite.

PostgreSQL's default C.UTF-8 collation puts «ё» after «я»; ICU's ru-RU collation does not.
SQLite has no ICU, so our SQLite backend registers `russian_sort_key` as the collation "ru_RU".
"""

from __future__ import annotations

from typing import TypeVar

from django.db import connection
from django.db.models import F, Model, QuerySet
from django.db.models.functions import Collate

M = TypeVar("M", bound=Model)

_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
PG_COLLATION = "ru-RU-x-icu"
SQLITE_COLLATION = "ru_RU"


def russian_sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """Digits, then Cyrillic in Russian order, then Latin. «ё» sorts with «е» and case is ignored,
    except as tie-breakers (the way ICU's ru collation compares at its secondary and tertiary levels)."""
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    for ch in text.casefold():
        if ch.isspace() or not ch.isalnum():
            continue
        if ch.isascii() and ch.isdigit():
            primary.append((0, int(ch)))
        elif ch in _ORDER:
            primary.append((1, _ORDER["е"] if ch == "ё" else _ORDER[ch]))
        else:
            primary.append((2, ord(ch)))
        secondary.append(1 if ch == "ё" else 0)
    return tuple(primary), tuple(secondary), text


def sqlite_collate(left: str, right: str) -> int:
    a, b = russian_sort_key(left), russian_sort_key(right)
    return (a > b) - (a < b)


def russian_collation_name() -> str:
    return PG_COLLATION if connection.vendor == "postgresql" else SQLITE_COLLATION


def order_by_russian(queryset: QuerySet[M], field: str, *, descending: bool = False) -> QuerySet[M]:
    expression = Collate(F(field), russian_collation_name())
    return queryset.order_by(expression.desc() if descending else expression.asc())
