"""The public questions: which value of a legal parameter is in force on a date, for a region.

    rule_value("cbr.key_rate", on=date(2025, 12, 22))          -> Decimal("16")
    rule_period("cbr.key_rate", on=...).describe()              -> "16 % с 22.12.2025"

A region's override in force on the date wins over the base value; otherwise the base value answers.
Dates are local calendar dates: convert an instant with `zakupki.core.timeutil.local_date` first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from zakupki.rules.errors import RuleNotDefined
from zakupki.rules.formatting import format_value, ru_date
from zakupki.rules.loader import get_registry
from zakupki.rules.registry import Parameter, Span, effective_ends
from zakupki.rules.values import ParamType, RuleValue, parse_value

if TYPE_CHECKING:
    from zakupki.accounts.models import Region
    from zakupki.rules.models import RegionRuleOverride

T = TypeVar("T")


@dataclass(frozen=True)
class RuleInForce:
    """A value with where it comes from, so that a page can say «16 % с 22.12.2025, решение Банка России»."""

    key: str
    title: str
    type: ParamType
    unit: str
    value: RuleValue
    valid_from: dt.date
    valid_until: dt.date | None  # exclusive; None while no later value is known
    source: str
    tag: str
    origin: Literal["base", "region"]
    region_code: str | None = None
    note: str = ""

    def describe(self) -> str:
        return f"{format_value(self.value, self.unit)} с {ru_date(self.valid_from)}"


def _check_date(on: dt.date) -> None:
    # A datetime is a date subclass; comparing it with period dates would fail later or, worse, silently
    # use the UTC day. Make the caller decide the local date.
    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise TypeError("on must be a date (the local date in the region), not a datetime")


def _parameter(key: str) -> Parameter:
    parameter = get_registry().get(key)
    if parameter is None:
        raise RuleNotDefined(f"Параметр «{key}» не известен", key=key)
    return parameter


def _override_in_force(parameter: Parameter, region: Region, on: dt.date) -> RuleInForce | None:
    from zakupki.rules.models import RegionRuleOverride

    rows: list[RegionRuleOverride] = list(
        RegionRuleOverride.objects.filter(region=region, key=parameter.key).order_by("effective_from")
    )
    ends = effective_ends([Span(row.effective_from, row.effective_until) for row in rows])
    for row, end in zip(rows, ends, strict=True):
        if row.effective_from <= on and (end is None or on < end):
            return RuleInForce(
                key=parameter.key,
                title=parameter.title,
                type=parameter.type,
                unit=parameter.unit,
                value=parse_value(parameter.type, row.value, from_file=False),
                valid_from=row.effective_from,
                valid_until=end,
                source=row.reason,
                tag=parameter.tag,
                origin="region",
                region_code=region.code,
            )
    return None


def rule_period(key: str, *, on: dt.date, region: Region | None = None) -> RuleInForce:
    """The value in force on `on` with its period and source; RuleNotDefined if there is none."""
    _check_date(on)
    parameter = _parameter(key)
    if region is not None:
        override = _override_in_force(parameter, region, on)
        if override is not None:
            return override
    period = parameter.period_on(on)
    if period is None:
        raise RuleNotDefined(
            f"Параметр «{parameter.title}» ({key}) не определён на {ru_date(on)}", key=key, on=on
        )
    return RuleInForce(
        key=key,
        title=parameter.title,
        type=parameter.type,
        unit=parameter.unit,
        value=period.value,
        valid_from=period.valid_from,
        valid_until=period.valid_until,
        source=period.source,
        tag=period.tag,
        origin="base",
        note=period.note or parameter.note,
    )


def rule_value(key: str, *, on: dt.date, region: Region | None = None) -> Any:
    """The typed value in force on `on`: Decimal (decimal, percent), int, bool, str, tuple (list),
    or Brackets. Raises RuleNotDefined for an unknown key or a date without a value.

    Typed as Any so that call sites can write `cap: Decimal = rule_value(...)`; use `rule_value_as`
    where a checked type is wanted."""
    return rule_period(key, on=on, region=region).value


def rule_value_as(key: str, expected: type[T], *, on: dt.date, region: Region | None = None) -> T:
    """`rule_value` with a run-time type check: `rule_value_as("cbr.key_rate", Decimal, on=day)`."""
    value = rule_period(key, on=on, region=region).value
    # bool is an int subclass; a bool parameter must not pass as a number (nor the reverse).
    if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
        raise TypeError(f"rule {key} is {type(value).__name__}, not {expected.__name__}")
    return value


def rule_parameters() -> tuple[Parameter, ...]:
    """Every known parameter with its whole history, sorted by key."""
    return tuple(get_registry())


def rule_parameter(key: str) -> Parameter:
    """One parameter's definition and history; RuleNotDefined if the key is unknown."""
    return _parameter(key)
