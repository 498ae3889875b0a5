"""Write-off of accrued penalties and fines by ПП РФ № 783 of 04.07.2018 (the amount part only).

- total ≤ 5 % of the contract price: written off in full;
- 5 % < total ≤ 20 %: the supplier pays 50 %, the rest is written off;
- total > 20 %: nothing is written off.
Thresholds and the paid share come from the rules engine on `on` (the date of the write-off decision).
The comparison is exact (total × 100 against price × pct, no division). The paid half is rounded to
kopecks ROUND_HALF_UP and the written-off part is the remainder, so written_off + to_pay == total.

Not checked here (the caller must): the other conditions of ПП 783 — the contract obligations were fulfilled
in full (or the special cases of 2020–2022 and later amendments: sanctions, COVID-19, mobilisation), and that
the supplier has agreed to the calculation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from zakupki.contracts.claims.working import (
    ClaimError,
    Term,
    check_money,
    format_percent,
    format_rub,
    ru_date,
)
from zakupki.core.money import round_money
from zakupki.rules.engine import rule_value_as

if TYPE_CHECKING:
    from zakupki.accounts.models import Region

HUNDRED = Decimal(100)
BASIS = "ПП РФ от 04.07.2018 № 783"


@dataclass(frozen=True)
class WriteOff:
    written_off: Decimal
    to_pay: Decimal
    rule_text: str
    terms: tuple[Term, ...] = ()

    def text(self) -> str:
        lines = [f"Списание неустоек ({BASIS})", *(term.text() for term in self.terms), self.rule_text]
        return "\n".join(lines)


def pp783_writeoff(
    *, contract_price: Decimal, total_claims: Decimal, on: dt.date, region: Region | None = None
) -> WriteOff:
    """Split the total of accrued penalties and fines into the written-off part and the part to pay."""
    price = check_money(contract_price, "Цена контракта")
    total = check_money(total_claims, "Сумма неустоек")
    if price == 0:
        raise ClaimError("Цена контракта должна быть больше нуля")
    full_pct = rule_value_as("penalty.pp783.full_writeoff_max_pct", Decimal, on=on, region=region)
    half_pct = rule_value_as("penalty.pp783.half_writeoff_max_pct", Decimal, on=on, region=region)
    paid_share = rule_value_as("penalty.pp783.half_writeoff_paid_share_pct", Decimal, on=on, region=region)
    share = total * HUNDRED / price
    terms = [
        Term("Цена контракта (Ц)", format_rub(price)),
        Term("Сумма начисленных неустоек (Н)", format_rub(total)),
        Term(
            "Н / Ц",
            f"{format_percent(share.quantize(Decimal('0.0001')).normalize())}",
            "округлено для показа",
        ),
        Term("Дата решения", ru_date(on)),
    ]
    if total * HUNDRED <= price * full_pct:
        written_off, to_pay = total, Decimal("0.00")
        rule = (
            f"Неустойка не превышает {format_percent(full_pct)} цены контракта: списывается полностью "
            f"({format_rub(written_off)})."
        )
    elif total * HUNDRED <= price * half_pct:
        to_pay = round_money(total * paid_share / HUNDRED)
        written_off = total - to_pay
        rule = (
            f"Неустойка больше {format_percent(full_pct)}, но не больше {format_percent(half_pct)} цены "
            f"контракта: поставщик уплачивает {format_percent(paid_share)} ({format_rub(to_pay)}), "
            f"остальное списывается ({format_rub(written_off)})."
        )
    else:
        written_off, to_pay = Decimal("0.00"), total
        rule = (
            f"Неустойка превышает {format_percent(half_pct)} цены контракта: списание по {BASIS} "
            f"не производится, к уплате {format_rub(to_pay)}."
        )
    return WriteOff(written_off=written_off, to_pay=to_pay, rule_text=rule, terms=tuple(terms))
