"""Пени for delay (ч.5 and ч.7 ст.34 44-FZ). Pure functions: no database unless a region is given.

Which key rate: ч.7 ст.34 (and the contract templates) say «ключевой ставки, действующей на дату уплаты
пени». We therefore take the rate in force on `paid_on`, the payment date of the пеня, or the calculation
date while it is unpaid (the claim is then recalculated on payment). Not the rate on the deadline, and not
a weighted rate across the days. The date used is printed in the working.

Days late: from the day after the deadline through `paid_on`, both included, calendar days:
due 05.01.2026, paid_on 15.01.2026 → 06.01…15.01 = 10 days. No delay when paid_on ≤ due.

Rounding: the exact amount is computed with one division at the end (base × rate × days / (100 × 300))
and rounded to kopecks ROUND_HALF_UP once, in `finish`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from zakupki.contracts.claims.working import (
    Calculation,
    ClaimError,
    Term,
    check_money,
    finish,
    format_percent,
    format_rub,
    ru_date,
)
from zakupki.rules.engine import rule_period, rule_value_as

if TYPE_CHECKING:
    from zakupki.accounts.models import Region

HUNDRED = Decimal(100)


def days_late(*, due: dt.date, paid_on: dt.date) -> int:
    """Calendar days from the day after `due` through `paid_on` inclusive; 0 when not late."""
    for day, name in ((due, "due"), (paid_on, "paid_on")):
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise TypeError(f"{name} must be a date, not {type(day).__name__}")
    return max((paid_on - due).days, 0)


def _days_term(due: dt.date, paid_on: dt.date, days: int) -> Term:
    if days == 0:
        return Term("Дней просрочки", "0", f"срок {ru_date(due)}, дата расчёта {ru_date(paid_on)}")
    first = due + dt.timedelta(days=1)
    return Term("Дней просрочки", str(days), f"с {ru_date(first)} по {ru_date(paid_on)}")


def _rate_terms(paid_on: dt.date, region: Region | None, basis: str) -> tuple[Decimal, int, list[Term]]:
    period = rule_period("cbr.key_rate", on=paid_on, region=region)
    rate = period.value
    if not isinstance(rate, Decimal):
        raise TypeError("rule cbr.key_rate is not a Decimal")
    divisor = rule_value_as("penalty.peny.key_rate_divisor", int, on=paid_on, region=region)
    if divisor <= 0:
        raise ClaimError("Доля ключевой ставки для пени задана неверно (делитель должен быть больше нуля)")
    terms = [
        Term("Ключевая ставка", period.describe(), f"на дату {ru_date(paid_on)}"),
        Term(
            "Дата ставки",
            ru_date(paid_on),
            f"дата уплаты пени, а пока пеня не уплачена — дата расчёта; {basis}: ставка на дату уплаты",
        ),
        Term("Источник ставки", period.source),
        Term("Доля ставки за день", f"1/{divisor}"),
    ]
    return rate, divisor, terms


def supplier_delay_penalty(
    *,
    price: Decimal,
    fulfilled: Decimal,
    due: dt.date,
    paid_on: dt.date,
    region: Region | None = None,
) -> Calculation:
    """Пеня of a late supplier: (Ц − В) × 1/300 × key rate on `paid_on` × days late (ч.7 ст.34).

    `price` is the contract (or stage) price Ц, `fulfilled` the value В of obligations actually fulfilled
    and accepted; `due` the last day of the term; `paid_on` the payment (or calculation) date."""
    price = check_money(price, "Цена контракта")
    fulfilled = check_money(fulfilled, "Исполнено")
    if fulfilled > price:
        raise ClaimError("Стоимость исполненных обязательств (В) не может превышать цену контракта (Ц)")
    days = days_late(due=due, paid_on=paid_on)
    rate, divisor, rate_terms = _rate_terms(paid_on, region, "ч.7 ст.34 44-ФЗ")
    base = price - fulfilled
    exact = base * rate * days / (HUNDRED * divisor)
    terms = [
        Term("Цена контракта (Ц)", format_rub(price)),
        Term("Исполнено (В)", format_rub(fulfilled)),
        Term("Ц − В", format_rub(base)),
        Term("Срок исполнения", ru_date(due)),
        *rate_terms,
        _days_term(due, paid_on, days),
        Term(
            f"Пеня = (Ц − В) × 1/{divisor} × ставка × дни",
            f"{format_rub(base)} × 1/{divisor} × {format_percent(rate)} × {days} = {format_rub(exact)}",
        ),
    ]
    return finish(
        title="Пеня поставщика за просрочку исполнения обязательства",
        basis="ч.7 ст.34 44-ФЗ",
        on=paid_on,
        exact=exact,
        terms=terms,
    )


def customer_delay_penalty(
    *,
    unpaid: Decimal,
    due: dt.date,
    paid_on: dt.date,
    region: Region | None = None,
) -> Calculation:
    """Пеня of a late customer: unpaid amount × 1/300 × key rate on `paid_on` × days late (ч.5 ст.34)."""
    unpaid = check_money(unpaid, "Неоплаченная сумма")
    days = days_late(due=due, paid_on=paid_on)
    rate, divisor, rate_terms = _rate_terms(paid_on, region, "ч.5 ст.34 44-ФЗ")
    exact = unpaid * rate * days / (HUNDRED * divisor)
    terms = [
        Term("Просроченная к оплате сумма (С)", format_rub(unpaid)),
        Term("Срок оплаты", ru_date(due)),
        *rate_terms,
        _days_term(due, paid_on, days),
        Term(
            f"Пеня = С × 1/{divisor} × ставка × дни",
            f"{format_rub(unpaid)} × 1/{divisor} × {format_percent(rate)} × {days} = {format_rub(exact)}",
        ),
    ]
    return finish(
        title="Пеня заказчика за просрочку оплаты",
        basis="ч.5 ст.34 44-ФЗ",
        on=paid_on,
        exact=exact,
        terms=terms,
    )
