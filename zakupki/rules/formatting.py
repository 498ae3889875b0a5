"""How rule dates and values are written in Russian messages and in `rules_show`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zakupki.rules.values import Brackets, RuleValue


def ru_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _number(value: Decimal) -> str:
    # 600000 -> «600 000», 16.5 -> «16,5»: the way a Russian reader expects a number.
    sign = "-" if value < 0 else ""
    integer, _, fraction = format(abs(value), "f").partition(".")
    groups: list[str] = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = sign + "\u00a0".join(groups or ["0"])
    return f"{text},{fraction}" if fraction else text


def format_value(value: RuleValue, unit: str = "") -> str:
    suffix = f"\u00a0{unit}" if unit else ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Decimal):
        return _number(value) + suffix
    if isinstance(value, int):
        return f"{value}{suffix}"
    if isinstance(value, str):
        return value
    if isinstance(value, Brackets):
        parts = []
        previous: Decimal | None = None
        for bracket in value.items:
            if bracket.up_to is not None:
                bound = f"до {_number(bracket.up_to)}"
            else:
                bound = f"свыше {_number(previous)}" if previous is not None else "любая сумма"
            parts.append(f"{bound}: {_number(bracket.value)}{suffix}")
            previous = bracket.up_to
        return "; ".join(parts)
    return ", ".join(str(item) for item in value) + suffix
