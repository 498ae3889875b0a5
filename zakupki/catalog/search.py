"""Russian full-text search support, the same idea on both databases.

PostgreSQL: `to_tsvector('russian', ...)` stored in `CatalogItem.search_vector` (GIN index) and matched
with `plainto_tsquery('russian', query)`.
SQLite (the embedded demo): Snowball stems (Russian for Cyrillic words, English for Latin ones, the way
PostgreSQL's `russian` configuration treats them) stored as ` stem stem ` text; a query matches when every
one of its stems is among the item's stems. «мячи футбольные» → «мяч футбольн» ⊂ «мяч футбольный MIKASA».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.expressions import CombinedExpression

_WORD = re.compile(r"[0-9a-zа-я]+")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
# Words that carry no meaning for search (as PostgreSQL's russian stop list drops them).
STOP_WORDS = frozenset(
    [
        "и",
        "в",
        "во",
        "не",
        "на",
        "с",
        "со",
        "для",
        "по",
        "к",
        "ко",
        "о",
        "об",
        "от",
        "до",
        "из",
        "у",
        "за",
        "над",
        "под",
        "при",
        "без",
        "или",
        "а",
        "но",
        "же",
        "the",
        "of",
        "and",
        "for",
    ]
)
PG_CONFIG = "russian"


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    return snowballstemmer.stemmer("russian"), snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    normalized = text.casefold().replace("ё", "е")
    return [w for w in _WORD.findall(normalized) if w not in STOP_WORDS]


def stems(text: str) -> list[str]:
    """«Картриджи для лазерного принтера» → ["картридж", "лазерн", "принтер"]; order kept, no repeats."""
    russian, english = _stemmers()
    result: list[str] = []
    for word in words(text):
        if _CYRILLIC.search(word) and not _LATIN.search(word):
            stem = russian.stemWord(word)
        elif _LATIN.search(word) and not _CYRILLIC.search(word):
            stem = english.stemWord(word)
        else:
            stem = word
        if stem and stem not in result:
            result.append(stem)
    return result


def stem_text(parts: Iterable[str]) -> str:
    """The stored form: stems separated by single spaces, with a space at both ends (` мяч футбольн `)."""
    collected: list[str] = []
    for part in parts:
        for stem in stems(part):
            if stem not in collected:
                collected.append(stem)
    return f" {' '.join(collected)} " if collected else ""


def characteristics_text(characteristics: list[dict[str, str]]) -> str:
    return " ".join(f"{c.get('name', '')} {c.get('value', '')}" for c in characteristics)


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def postgres_vector(*, name: str, category: str, characteristics: str) -> CombinedExpression:
    """Name weighs most (A), then the category (B), then characteristics (C)."""
    return (
        SearchVector(Value(name, output_field=TextField()), config=PG_CONFIG, weight="A")
        + SearchVector(Value(category, output_field=TextField()), config=PG_CONFIG, weight="B")
        + SearchVector(Value(characteristics, output_field=TextField()), config=PG_CONFIG, weight="C")
    )
