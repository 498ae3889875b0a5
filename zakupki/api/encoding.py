"""How domain values are written in JSON: Decimals as exact strings, money with two decimals."""

from decimal import Decimal
from typing import Any

from zakupki.core.money import KOPECK
from zakupki.rules.values import Brackets, RuleValue

MONEY_UNITS = frozenset({"₽", "руб.", "рублей"})


def money_text(value: Decimal) -> str:
    """600000 -> "600000.00". A value with more than two decimals is kept exact, never rounded."""
    quantized = value.quantize(KOPECK)
    return str(quantized) if quantized == value else str(value)


def decimal_text(value: Decimal, *, money: bool) -> str:
    return money_text(value) if money else format(value, "f")


def rule_value_json(value: RuleValue, unit: str) -> Any:
    """A rule value for JSON: Decimal -> string (money: two decimals), scale -> list of steps."""
    money = unit in MONEY_UNITS
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return decimal_text(value, money=money)
    if isinstance(value, Brackets):
        return [
            {
                "up_to": None if step.up_to is None else money_text(step.up_to),
                "value": decimal_text(step.value, money=money),
            }
            for step in value.items
        ]
    return list(value)
