"""Fines for breaches other than delay, by the Правила of ПП РФ № 1042 of 30.08.2017, and their cap.

Scales come from the rules engine on `on` (the date of the breach as the contract manager records it):
- п.3: % of the contract (stage) price, by price brackets (`penalty.pp1042.supplier_fine_pct`);
- п.4: a contract won by offering the highest price for the right to conclude it: the brackets apply to
  the НМЦК (and the % is of the НМЦК) when price ≤ НМЦК, to the contract price when price > НМЦК
  (`penalty.pp1042.highest_price_fine_pct`);
- п.5: a contract with an SMP/SONKO under п.1 ч.1 ст.30: reduced % (`penalty.pp1042.smp_fine_pct`);
- п.6: an obligation without monetary value: a fixed amount (`penalty.pp1042.supplier_fine_fixed`);
- п.9: the customer: a fixed amount (`penalty.pp1042.customer_fine_fixed`);
- п.11, п.12: the total of fines of each party ≤ the contract price (`penalty.pp1042.fines_total_cap_pct`).

Rounding: once, to kopecks ROUND_HALF_UP, in `finish`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

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
from zakupki.rules.values import Brackets

if TYPE_CHECKING:
    from zakupki.accounts.models import Region

HUNDRED = Decimal(100)
BASIS = "Правила, утв. ПП РФ от 30.08.2017 № 1042"


def _scale(key: str, on: dt.date, region: Region | None) -> tuple[Brackets, str]:
    period = rule_period(key, on=on, region=region)
    if not isinstance(period.value, Brackets):
        raise TypeError(f"rule {key} is not a scale")
    return period.value, period.source


def _bracket(scale: Brackets, amount: Decimal, what: str) -> Decimal:
    try:
        return scale.value_for(amount)
    except ValueError as exc:
        raise ClaimError(f"{what}: шкала не установлена для суммы {format_rub(amount)}") from exc


def supplier_fine(
    *,
    price: Decimal,
    smp_contract: bool,
    highest_price_won: bool = False,
    nmck: Decimal | None = None,
    monetary: bool = True,
    on: dt.date,
    region: Region | None = None,
) -> Calculation:
    """One fine of the supplier for one breach other than delay (ПП 1042 п.3–6).

    `monetary=False`: the breached obligation has no monetary value → fixed amount (п.6), whatever the
    other flags. Otherwise: highest price won (п.4, needs `nmck`), then SMP/SONKO contract (п.5), then
    the general scale (п.3)."""
    price = check_money(price, "Цена контракта")
    terms = [Term("Цена контракта (Ц)", format_rub(price)), Term("Дата нарушения", ru_date(on))]
    if not monetary:
        scale, source = _scale("penalty.pp1042.supplier_fine_fixed", on, region)
        fixed = _bracket(scale, price, "Штраф за обязательство без стоимостного выражения")
        terms += [
            Term("Вид нарушения", "обязательство, не имеющее стоимостного выражения", source),
            Term("Штраф (фиксированная сумма по шкале от Ц)", format_rub(fixed)),
        ]
        return finish(title="Штраф поставщика", basis=BASIS, on=on, exact=fixed, terms=terms)
    if highest_price_won:
        if nmck is None:
            raise ClaimError(
                "Для контракта, заключённого по наибольшей цене за право его заключения, нужна НМЦК"
            )
        nmck = check_money(nmck, "НМЦК")
        scale, source = _scale("penalty.pp1042.highest_price_fine_pct", on, region)
        if price <= nmck:
            base, base_name = nmck, "НМЦК (цена контракта не превышает НМЦК)"
        else:
            base, base_name = price, "цена контракта (она превышает НМЦК)"
        terms.append(Term("НМЦК", format_rub(nmck)))
        kind = "контракт заключён по наибольшей цене за право его заключения"
    elif smp_contract:
        scale, source = _scale("penalty.pp1042.smp_fine_pct", on, region)
        base, base_name = price, "цена контракта"
        kind = "контракт с СМП/СОНКО по п.1 ч.1 ст.30 44-ФЗ"
    else:
        scale, source = _scale("penalty.pp1042.supplier_fine_pct", on, region)
        base, base_name = price, "цена контракта"
        kind = "общая шкала"
    pct = _bracket(scale, base, "Штраф поставщика")
    exact = base * pct / HUNDRED
    terms += [
        Term("Шкала", kind, source),
        Term("База штрафа", f"{format_rub(base)} — {base_name}"),
        Term("Процент по шкале", format_percent(pct)),
        Term("Штраф = база × процент", f"{format_rub(base)} × {format_percent(pct)} = {format_rub(exact)}"),
    ]
    return finish(title="Штраф поставщика", basis=BASIS, on=on, exact=exact, terms=terms)


def customer_fine(*, price: Decimal, on: dt.date, region: Region | None = None) -> Calculation:
    """One fine of the customer for one breach other than delay (ПП 1042 п.9): fixed by price bracket."""
    price = check_money(price, "Цена контракта")
    scale, source = _scale("penalty.pp1042.customer_fine_fixed", on, region)
    fixed = _bracket(scale, price, "Штраф заказчика")
    terms = [
        Term("Цена контракта (Ц)", format_rub(price)),
        Term("Дата нарушения", ru_date(on)),
        Term("Штраф (фиксированная сумма по шкале от Ц)", format_rub(fixed), source),
    ]
    return finish(title="Штраф заказчика", basis=BASIS, on=on, exact=fixed, terms=terms)


def fines_cap(
    *,
    price: Decimal,
    charged_before: Decimal,
    fine: Decimal,
    on: dt.date,
    party: Literal["supplier", "customer"] = "supplier",
    region: Region | None = None,
) -> Calculation:
    """The part of a new `fine` that may still be charged to one party, given the fines already charged
    to it under the contract: total ≤ cap % of the contract price (ПП 1042 п.11 supplier, п.12 customer).

    The result is min(fine, max(cap − charged_before, 0))."""
    price = check_money(price, "Цена контракта")
    charged_before = check_money(charged_before, "Ранее начисленные штрафы")
    fine = check_money(fine, "Штраф")
    pct = rule_value_as("penalty.pp1042.fines_total_cap_pct", Decimal, on=on, region=region)
    cap = price * pct / HUNDRED
    room = max(cap - charged_before, Decimal(0))
    exact = min(fine, room)
    who = "поставщика" if party == "supplier" else "заказчика"
    terms = [
        Term("Цена контракта (Ц)", format_rub(price)),
        Term("Предел общей суммы штрафов", f"{format_percent(pct)} от Ц = {format_rub(cap)}"),
        Term("Ранее начислено штрафов", format_rub(charged_before)),
        Term("Остаток до предела", format_rub(room)),
        Term("Новый штраф", format_rub(fine)),
        Term("К начислению = min(штраф, остаток)", format_rub(exact)),
    ]
    return finish(
        title=f"Ограничение общей суммы штрафов {who}",
        basis="п.11, п.12 " + BASIS,
        on=on,
        exact=exact,
        terms=terms,
    )
