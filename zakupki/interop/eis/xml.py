"""Reading values out of EIS elements by local name.

The EIS declares the same types namespace under different prefixes (default, `ns2`, `oos`, …) and moved
types between `types/1`, `EPtypes/1`, `common/1` and `base/1` over the years, so nested elements are
matched by local name only; the export namespace is checked once, on the root and the documents."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias

# lxml ships no type information (lxml-stubs is not in the lock file); an element is `lxml.etree._Element`.
Element: TypeAlias = Any

_KOPECKS = Decimal("0.01")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$")


class DocumentError(ValueError):
    """The document is unusable; the message is Russian and names the element at fault."""


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(element: Element | None, *names: str) -> Element | None:
    """The first element down the path of local names, or None."""
    for name in names:
        if element is None:
            return None
        element = next((c for c in element if local(c.tag) == name), None)
    return element


def children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [c for c in element if local(c.tag) == name]


def first_child(element: Element | None, *alternatives: str) -> Element | None:
    """The first of several spellings the EIS used for one field (`INN` / `inn`)."""
    for name in alternatives:
        found = child(element, name)
        if found is not None:
            return found
    return None


def text(element: Element | None, *names: str) -> str:
    found = child(element, *names) if names else element
    if found is None or found.text is None:
        return ""
    value: str = found.text
    return value.strip()


def required_text(element: Element | None, *names: str) -> str:
    value = text(element, *names)
    if not value:
        raise DocumentError(f"нет элемента {'/'.join(names)}")
    return value


def parse_decimal(value: str, where: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise DocumentError(f"{where}: «{value}» — не число") from exc
    if not number.is_finite():
        raise DocumentError(f"{where}: «{value}» — не число")
    return number


def to_money(value: str, where: str) -> Decimal:
    amount = parse_decimal(value, where)
    if amount != amount.quantize(_KOPECKS):
        raise DocumentError(f"{where}: «{value}» — сумма точнее копейки")
    return amount.quantize(_KOPECKS)


def money(element: Element | None, *names: str) -> Decimal | None:
    value = text(element, *names)
    return to_money(value, "/".join(names)) if value else None


def required_money(element: Element | None, *names: str) -> Decimal:
    amount = money(element, *names)
    if amount is None:
        raise DocumentError(f"нет элемента {'/'.join(names)}")
    return amount


def quantity(element: Element | None, *names: str) -> Decimal | None:
    value = text(element, *names)
    return parse_decimal(value, "/".join(names)) if value else None


def date(element: Element | None, *names: str) -> dt.date | None:
    """xs:date; the EIS sometimes appends the zone (`2018-01-15+03:00`), which does not change the day."""
    value = text(element, *names)
    if not value:
        return None
    match = _DATE.match(value)
    if match is None:
        raise DocumentError(f"{'/'.join(names)}: «{value}» — не дата")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise DocumentError(f"{'/'.join(names)}: «{value}» — не дата") from exc


def required_date(element: Element | None, *names: str) -> dt.date:
    value = date(element, *names)
    if value is None:
        raise DocumentError(f"нет элемента {'/'.join(names)}")
    return value


def instant(element: Element | None, *names: str) -> dt.datetime:
    """xs:dateTime with the publisher's offset (+03:00 Moscow, +10:00 Vladivostok …), kept exact."""
    value = required_text(element, *names)
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise DocumentError(f"{'/'.join(names)}: «{value}» — не дата и время") from exc
    if moment.tzinfo is None:
        raise DocumentError(f"{'/'.join(names)}: «{value}» — время без часового пояса")
    return moment


def integer(element: Element | None, *names: str) -> int:
    value = required_text(element, *names)
    if not value.isdigit():
        raise DocumentError(f"{'/'.join(names)}: «{value}» — не целое неотрицательное число")
    return int(value)


def flag(element: Element | None, *names: str) -> bool | None:
    value = text(element, *names).lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    if not value:
        return None
    raise DocumentError(f"{'/'.join(names)}: «{value}» — не true/false")
