"""How a rule value reads on a page: money as «600 000,00 ₽», the rest as the rules engine writes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zakupki.accounts.models import Region
from zakupki.core.money import format_rub
from zakupki.rules.engine import rule_parameters, rule_period
from zakupki.rules.errors import RuleNotDefined
from zakupki.rules.formatting import format_value
from zakupki.rules.models import RegionRuleOverride
from zakupki.rules.selectors import region_rule_overrides
from zakupki.rules.values import RuleValue, parse_value

RUBLES = "₽"
NO_BASE = "нет базового значения"


def display_rule_value(value: RuleValue, unit: str) -> str:
    if unit == RUBLES and isinstance(value, Decimal):
        return format_rub(value)
    return format_value(value, unit)


@dataclass(frozen=True)
class OverrideRow:
    key: str
    title: str
    value: str
    effective_from: dt.date
    effective_until: dt.date | None
    reason: str
    author: str
    base_today: str
    in_force: bool


def override_rows(*, region: Region, today: dt.date) -> list[OverrideRow]:
    """The region's own values, each beside the base value in force today."""
    parameters = {parameter.key: parameter for parameter in rule_parameters()}
    rows = []
    for override in region_rule_overrides(region=region):
        parameter = parameters.get(override.key)
        if parameter is None:  # a key dropped from the data files: show what is stored
            rows.append(
                _row(override, title=override.key, value=str(override.value), base="—", in_force=False)
            )
            continue
        value = parse_value(parameter.type, override.value, from_file=False)
        try:
            base = rule_period(override.key, on=today)
            base_text = display_rule_value(base.value, parameter.unit)
        except RuleNotDefined:
            base_text = NO_BASE
        try:
            current = rule_period(override.key, on=today, region=region)
            in_force = current.origin == "region" and current.valid_from == override.effective_from
        except RuleNotDefined:
            in_force = False
        rows.append(
            _row(
                override,
                title=parameter.title,
                value=display_rule_value(value, parameter.unit),
                base=base_text,
                in_force=in_force,
            )
        )
    return rows


def _row(override: RegionRuleOverride, *, title: str, value: str, base: str, in_force: bool) -> OverrideRow:
    author = override.created_by
    return OverrideRow(
        key=override.key,
        title=title,
        value=value,
        effective_from=override.effective_from,
        effective_until=override.effective_until,
        reason=override.reason,
        author=str(author) if author is not None else "—",
        base_today=base,
        in_force=in_force,
    )
