"""Parameter types and their values. Money and percents are Decimal; floats are refused everywhere.

In data files a decimal or percent must be a quoted string ("600000", "0.1"): YAML reads an unquoted
0.1 as a binary float, and a legal number must never pass through float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class ParamType(StrEnum):
    DECIMAL = "decimal"
    PERCENT = "percent"
    INT = "int"
    BOOL = "bool"
    STR = "str"
    LIST = "list"
    BRACKETS = "brackets"


class ValueRejected(ValueError):
    """A value does not match its parameter type; the message is a Russian reason."""


@dataclass(frozen=True)
class Bracket:
    """One step of a scale: applies to amounts up to `up_to` inclusive (None: no upper bound)."""

    up_to: Decimal | None
    value: Decimal


@dataclass(frozen=True)
class Brackets:
    """A scale such as the ПП 1042 fines: the first bracket whose bound is not below the amount."""

    items: tuple[Bracket, ...]

    def value_for(self, amount: Decimal) -> Decimal:
        if isinstance(amount, float):
            raise TypeError("amount must be Decimal, not float")
        for bracket in self.items:
            if bracket.up_to is None or amount <= bracket.up_to:
                return bracket.value
        raise ValueError(f"сумма {amount} выше последней границы шкалы")


RuleValue = Decimal | int | bool | str | tuple[int | str, ...] | Brackets

_DECIMAL_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
HUNDRED = Decimal(100)


def _describe(raw: Any) -> str:
    if isinstance(raw, bool):
        return f"логическое значение {str(raw).lower()}"
    if isinstance(raw, float):
        return f"дробное число {raw!r} без кавычек"
    if isinstance(raw, int):
        return f"число {raw} без кавычек"
    if raw is None:
        return "пустое значение"
    if isinstance(raw, list):
        return "список"
    if isinstance(raw, dict):
        return "словарь"
    return f"«{raw}»"


def _decimal(raw: Any, *, from_file: bool, what: str = "значение") -> Decimal:
    if isinstance(raw, float):
        if from_file:
            raise ValueRejected(
                f'{what}: нужна строка в кавычках, например "600000" или "0.1", а записано {_describe(raw)}'
            )
        raise ValueRejected(f"{what}: дробное число float не принимается, передайте Decimal или строку")
    if isinstance(raw, str):
        if not _DECIMAL_TEXT.match(raw.strip()):
            raise ValueRejected(f'{what} «{raw}» не является числом (пример записи: "600000" или "16.5")')
        number = Decimal(raw.strip())
    elif not from_file and isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ValueRejected(f"{what}: нужно конечное число")
        number = raw
    elif not from_file and isinstance(raw, int) and not isinstance(raw, bool):
        number = Decimal(raw)
    else:
        if from_file:
            raise ValueRejected(
                f'{what}: нужна строка в кавычках, например "600000", а записано {_describe(raw)}'
            )
        raise ValueRejected(f"{what}: нужно число (Decimal или строка), а получено {_describe(raw)}")
    if number < 0:
        raise ValueRejected(f"{what}: отрицательное число {number} недопустимо")
    return number


def _percent(raw: Any, *, from_file: bool) -> Decimal:
    number = _decimal(raw, from_file=from_file)
    if number > HUNDRED:
        raise ValueRejected(f"процент должен быть от 0 до 100, а указано {number}")
    return number


def _int(raw: Any, *, from_file: bool) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    elif not from_file and isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        number = int(raw.strip())
    else:
        raise ValueRejected(f"значение должно быть целым числом, а записано {_describe(raw)}")
    if number < 0:
        raise ValueRejected(f"значение не может быть отрицательным: {number}")
    return number


def _bool(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise ValueRejected(f"значение должно быть true или false, а записано {_describe(raw)}")
    return raw


def _str(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueRejected(f"значение должно быть непустой строкой, а записано {_describe(raw)}")
    return raw


def _list(raw: Any, *, from_file: bool) -> tuple[int | str, ...]:
    if not isinstance(raw, list | tuple) or (from_file and not isinstance(raw, list)) or not raw:
        raise ValueRejected(f"значение должно быть непустым списком, а записано {_describe(raw)}")
    items: list[int | str] = []
    for position, item in enumerate(raw, start=1):
        # Only whole numbers and strings: a float item would smuggle binary fractions into a rule.
        if isinstance(item, bool) or not isinstance(item, int | str) or item == "":
            raise ValueRejected(
                f"элемент №{position} списка должен быть целым числом или строкой, а записано {_describe(item)}"
            )
        items.append(item)
    return tuple(items)


def _brackets(raw: Any, *, from_file: bool) -> Brackets:
    if not isinstance(raw, list | tuple) or not raw:
        raise ValueRejected(
            f'шкала должна быть непустым списком вида {{up_to: "3000000", value: "10"}}, а записано {_describe(raw)}'
        )
    items: list[Bracket] = []
    for position, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or set(entry) != {"up_to", "value"}:
            raise ValueRejected(f"ступень №{position} шкалы должна иметь ровно два поля: up_to и value")
        bound_raw = entry["up_to"]
        bound = None if bound_raw is None else _decimal(bound_raw, from_file=from_file, what="граница up_to")
        value = _decimal(entry["value"], from_file=from_file, what="значение ступени")
        if items:
            previous = items[-1].up_to
            if previous is None:
                raise ValueRejected(
                    f"ступень №{position - 1} без верхней границы (up_to: null) должна быть последней"
                )
            if bound is not None and bound <= previous:
                raise ValueRejected(
                    f"границы шкалы должны строго возрастать: ступень №{position} ({bound}) "
                    f"не больше предыдущей ({previous})"
                )
        items.append(Bracket(up_to=bound, value=value))
    return Brackets(items=tuple(items))


def parse_value(ptype: ParamType, raw: Any, *, from_file: bool) -> RuleValue:
    """Typed value from a YAML or JSON form. `from_file` demands quoted decimals and YAML-native
    ints/bools; otherwise (a service call, a stored override) Decimal, int and digit strings pass."""
    if ptype in (ParamType.DECIMAL, ParamType.PERCENT):
        return (
            _percent(raw, from_file=from_file)
            if ptype is ParamType.PERCENT
            else _decimal(raw, from_file=from_file)
        )
    if ptype is ParamType.INT:
        return _int(raw, from_file=from_file)
    if ptype is ParamType.BOOL:
        return _bool(raw)
    if ptype is ParamType.STR:
        return _str(raw)
    if ptype is ParamType.LIST:
        return _list(raw, from_file=from_file)
    return _brackets(raw, from_file=from_file)


def dump_value(value: RuleValue) -> Any:
    """The JSON form of a typed value (Decimals as strings), as stored in an override row."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Brackets):
        return [
            {"up_to": None if b.up_to is None else str(b.up_to), "value": str(b.value)} for b in value.items
        ]
    if isinstance(value, tuple):
        return list(value)
    return value
