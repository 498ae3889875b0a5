"""The annual small-volume caps of п.4 and п.5 ч.1 ст.93 44-FZ, kept exactly per customer and year.

Annual cap = min(max(fixed, share × СГОЗ), ceiling): 2 mln / 10% / 50 mln for п.4, 5 mln / 50% / 30 mln
for п.5 (domain.md §2.1), all from the rules engine with the customer's region overrides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from zakupki.accounts.models import Organization
from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.models import (
    Contract,
    CustomerAnnualVolume,
    SmallPurchaseLedger,
    SmallPurchaseLedgerEntry,
)
from zakupki.core.errors import Conflict
from zakupki.core.money import format_rub, round_money
from zakupki.rules.engine import rule_value


class CapExceeded(Conflict):
    code = "cap_exceeded"


@dataclass(frozen=True)
class SmallPurchaseLimits:
    basis: PurchaseBasis
    year: int
    contract_cap: Decimal
    annual_cap: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.annual_cap - self.spent, Decimal(0))


def _rule(key: str, customer: Organization, on: dt.date) -> Decimal:
    return Decimal(rule_value(key, on=on, region=customer.region))


def annual_cap(*, customer: Organization, basis: PurchaseBasis, on: dt.date) -> Decimal:
    prefix = f"small_purchase.{basis.value}"
    fixed = _rule(f"{prefix}.annual_cap", customer, on)
    share = _rule(f"{prefix}.annual_cap_sgoz_pct", customer, on)
    ceiling = _rule(f"{prefix}.annual_cap_max", customer, on)
    volume = (
        CustomerAnnualVolume.objects.filter(customer=customer, year=on.year)
        .values_list("sgoz", flat=True)
        .first()
    )
    by_share = round_money(Decimal(volume or 0) * share / 100)
    return min(max(fixed, by_share), ceiling)


def small_purchase_limits(
    *, customer: Organization, basis: PurchaseBasis, on: dt.date
) -> SmallPurchaseLimits:
    spent = (
        SmallPurchaseLedger.objects.filter(customer=customer, year=on.year, basis=basis)
        .values_list("spent", flat=True)
        .first()
    )
    return SmallPurchaseLimits(
        basis=basis,
        year=on.year,
        contract_cap=_rule(f"small_purchase.{basis.value}.contract_cap", customer, on),
        annual_cap=annual_cap(customer=customer, basis=basis, on=on),
        spent=Decimal(spent or 0),
    )


def check_contract_cap(*, customer: Organization, basis: PurchaseBasis, amount: Decimal, on: dt.date) -> None:
    cap = _rule(f"small_purchase.{basis.value}.contract_cap", customer, on)
    if amount > cap:
        raise CapExceeded(
            f"Цена {format_rub(amount)} превышает предельную цену контракта {format_rub(cap)} "
            f"по {PurchaseBasis(basis).label}",
            field="price",
        )


def _locked_ledger(customer: Organization, year: int, basis: PurchaseBasis) -> SmallPurchaseLedger:
    try:
        with transaction.atomic():
            SmallPurchaseLedger.objects.get_or_create(customer=customer, year=year, basis=basis)
    except IntegrityError:
        pass  # a concurrent purchase created the row first; we lock it below like everyone else
    return SmallPurchaseLedger.objects.select_for_update().get(customer=customer, year=year, basis=basis)


def small_purchase_charge(
    *, contract: Contract, basis: PurchaseBasis, on: dt.date
) -> SmallPurchaseLedgerEntry:
    """Charges a new contract to the customer's annual ledger. Must run inside the transaction that
    creates the contract; the ledger row stays locked until it commits."""
    customer = contract.customer
    amount = Decimal(contract.price)
    check_contract_cap(customer=customer, basis=basis, amount=amount, on=on)
    ledger = _locked_ledger(customer, on.year, basis)
    cap = annual_cap(customer=customer, basis=basis, on=on)
    if ledger.spent + amount > cap:
        remaining = max(cap - ledger.spent, Decimal(0))
        raise CapExceeded(
            f"Превышен годовой объём закупок по {PurchaseBasis(basis).label}: лимит {format_rub(cap)}, "
            f"использовано {format_rub(ledger.spent)}, остаток {format_rub(remaining)}",
            field="price",
        )
    ledger.spent += amount
    ledger.contracts_count += 1
    ledger.save(update_fields=["spent", "contracts_count"])
    return SmallPurchaseLedgerEntry.objects.create(ledger=ledger, contract=contract, amount=amount)


def small_purchase_reprice(*, contract: Contract, new_price: Decimal, on: dt.date, apply: bool) -> None:
    """A change of the contract price (ст.95 ч.1) moves its ledger charge by the difference. An increase
    must fit the per-contract cap and what remains of the annual cap of the year it was charged to. With
    `apply=False` only checks (the proposal); with `apply=True` locks the ledger and records the new
    amount (the change coming into force, inside its transaction)."""
    entry = SmallPurchaseLedgerEntry.objects.filter(contract=contract).select_related("ledger").first()
    if entry is None:
        return
    basis = PurchaseBasis(entry.ledger.basis)
    delta = new_price - entry.amount
    ledger = _locked_ledger(contract.customer, entry.ledger.year, basis) if apply else entry.ledger
    if delta > 0:
        check_contract_cap(customer=contract.customer, basis=basis, amount=new_price, on=on)
        in_year = on if on.year == ledger.year else dt.date(ledger.year, 12, 31)
        cap = annual_cap(customer=contract.customer, basis=basis, on=in_year)
        if ledger.spent + delta > cap:
            remaining = max(cap - ledger.spent, Decimal(0))
            raise CapExceeded(
                f"Увеличение цены на {format_rub(delta)} превышает годовой объём закупок по "
                f"{basis.label}: лимит {format_rub(cap)}, использовано {format_rub(ledger.spent)}, "
                f"остаток {format_rub(remaining)}",
                field="quantities",
            )
    if apply:
        ledger.spent += delta
        ledger.save(update_fields=["spent"])
        entry.amount = new_price
        entry.save(update_fields=["amount"])
