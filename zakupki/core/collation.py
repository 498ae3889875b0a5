"""Russian alphabetical order, the same on PostgreSQL (ICU) and on the embedded SQLite.

PostgreSQL's default C.UTF-8 collation puts «ё» after «я»; ICU's ru-RU collation does not.
SQLite has no ICU, so our SQLite backend registers `russian_sort_key` as the collation "ru_RU".
"""

from __future__ import annotations

from typing import TypeVar

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Collate

M = TypeVar("M")

_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
PG_COLLATION = "ru-RU-x-icu"
SQLITE_COLLATION = "ru_RU"


def russian_sort_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Digits, then Cyrillic in Russian order, then Latin; case and «ё» differ only at the tie level."""
    key = []
    for ch in text.casefold():
        if ch.isspace() or not ch.isalnum():
            continue
        if ch.isdigit():
            key.append((0, int(ch) if ch.isascii() else 0, ch))
        elif ch in _ORDER:
            primary = _ORDER["е"] if ch == "ё" else _ORDER[ch]
            key.append((1, primary, ch))
        else:
            key.append((2, ord(ch), ch))
    return (*key, (9, 0, text))


def sqlite_collate(left: str, right: str) -> int:
    a, b = russian_sort_key(left), russian_sort_key(right)
    return (a > b) - (a < b)


def russian_collation_name() -> str:
    return PG_COLLATION if connection.vendor == "postgresql" else SQLITE_COLLATION


def order_by_russian(queryset: QuerySet[M], field: str, *, descending: bool = False) -> QuerySet[M]:
    expression = Collate(F(field), russian_collation_name())
    return queryset.order_by(expression.desc() if descending else expression.asc())
