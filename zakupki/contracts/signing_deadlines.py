"""Per-side signing deadlines of a draft contract, computed at read time (pages never wait for the
worker): the supplier signs within N working days of the draft's creation, the customer within M working
days of the supplier's signature. N and M are regional rules parameters, taken as of the day the term
starts; the days are counted in the time zone of the side that must sign."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from zakupki.accounts.models import Organization, Region
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract
from zakupki.core.timeutil import local_date
from zakupki.rules.due_dates import working_deadline
from zakupki.rules.engine import rule_value

SUPPLIER = "supplier"
CUSTOMER = "customer"
SIDE_LABELS = {SUPPLIER: "поставщик", CUSTOMER: "заказчик"}
AWAITING_SIGNATURE = (ContractStatus.DRAFT, ContractStatus.SIGNED_BY_SUPPLIER)


@dataclass(frozen=True)
class SigningDue:
    contract: Contract
    side: str
    due_at: dt.datetime
    overdue: bool

    @property
    def side_label(self) -> str:
        return SIDE_LABELS[self.side]


def _due_at(contract: Contract, *, start: dt.datetime, key: str, tz_name: str) -> dt.datetime:
    region = contract.customer.region
    days = int(rule_value(key, on=local_date(start, region.timezone), region=region))
    return working_deadline(start=start, working_days=days, tz_name=tz_name)


def signing_due_at(contract: Contract) -> tuple[str, dt.datetime] | None:
    """(side that must sign now, its deadline), or None once the contract is concluded."""
    if contract.status == ContractStatus.DRAFT:
        start = contract.created_at
        return SUPPLIER, _due_at(
            contract,
            start=start,
            key="contract.signing.supplier_working_days",
            tz_name=contract.supplier.region.timezone,
        )
    if contract.status == ContractStatus.SIGNED_BY_SUPPLIER and contract.supplier_signed_at is not None:
        return CUSTOMER, _due_at(
            contract,
            start=contract.supplier_signed_at,
            key="contract.signing.customer_working_days",
            tz_name=contract.customer.region.timezone,
        )
    return None


def contract_signing_due(*, contract: Contract, now: dt.datetime) -> SigningDue | None:
    due = signing_due_at(contract)
    if due is None:
        return None
    side, due_at = due
    return SigningDue(contract=contract, side=side, due_at=due_at, overdue=now > due_at)


def _awaiting(rows: QuerySet[Contract], now: dt.datetime) -> list[SigningDue]:
    result = [
        due
        for contract in rows.select_related("customer__region", "supplier__region")
        if (due := contract_signing_due(contract=contract, now=now)) is not None
    ]
    return sorted(result, key=lambda d: (d.due_at, d.contract.pk))


def signing_due_for_organization(*, organization: Organization, now: dt.datetime) -> list[SigningDue]:
    """Contracts of the organization (either side) waiting for a signature, earliest deadline first."""
    rows = Contract.objects.filter(
        Q(customer=organization) | Q(supplier=organization), status__in=AWAITING_SIGNATURE
    )
    return _awaiting(rows, now)


def signing_due_in_region(*, region: Region, now: dt.datetime) -> list[SigningDue]:
    """Contracts of the region's customers waiting for a signature (the control view)."""
    rows = Contract.objects.filter(customer__region=region, status__in=AWAITING_SIGNATURE)
    return _awaiting(rows, now)
