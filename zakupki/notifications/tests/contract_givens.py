"""A concluded contract between two organizations with one e-mailed member each, through the contract
services (real signatures); deadlines are then pinned to fixed dates as givens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zakupki.accounts.models import Organization, User
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import Contract, Stage
from zakupki.contracts.services import (
    ContractItemData,
    contract_create_from_award,
    contract_sign_customer,
    contract_sign_supplier,
)
from zakupki.contracts.tests import factories as f
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.notifications.contract_watch import deadline_sweep_ensure
from zakupki.worker.registry import discover_time_events
from zakupki.worker.runner import PassResult, run_pass


@dataclass
class Deal:
    contract: Contract
    customer: Organization
    supplier: Organization
    buyer: User
    seller: User

    @property
    def stage(self) -> Stage:
        return Stage.objects.get(contract=self.contract, number=1)


def draft_deal(*, region_code: str = "77", tz: str = "Europe/Moscow", region_name: str = "Москва") -> Deal:
    region = f.region(region_code, tz=tz, name=region_name)
    customer = f.customer(in_region=region)
    supplier = f.supplier(in_region=region)
    buyer = f.member_of(customer, username=f"buyer{region_code}", email=f"buyer{region_code}@school.example")
    seller = f.member_of(
        supplier, username=f"seller{region_code}", email=f"seller{region_code}@paper.example"
    )
    signing_key_issue(user=buyer, actor=None)
    signing_key_issue(user=seller, actor=None)
    contract = contract_create_from_award(
        customer=customer,
        supplier=supplier,
        items=[
            ContractItemData(
                name="Бумага офисная А4", unit="пач", quantity=Decimal(10), unit_price=Decimal("500.00")
            )
        ],
        price=Decimal("5000.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=int(region_code) * 1000 + 1,
        subject="Поставка бумаги офисной",
        actor=buyer,
    )
    return Deal(contract=contract, customer=customer, supplier=supplier, buyer=buyer, seller=seller)


def concluded_deal(
    *, region_code: str = "77", tz: str = "Europe/Moscow", region_name: str = "Москва"
) -> Deal:
    deal = draft_deal(region_code=region_code, tz=tz, region_name=region_name)
    contract_sign_supplier(contract=deal.contract, user=deal.seller)
    deal.contract = contract_sign_customer(contract=deal.contract, user=deal.buyer)
    return deal


def pin_stage_due(deal: Deal, day: dt.date) -> None:
    Stage.objects.filter(contract=deal.contract, number=1).update(due_date=day)


def reminders_pass(now: dt.datetime) -> PassResult:
    """The worker's real pass over the notifications events (sweep, watch, e-mail), the sweep row ensured."""
    deadline_sweep_ensure(now=now)
    events = [e for e in discover_time_events() if e.name.startswith("notifications.")]
    return run_pass(now=now, events=events)


def full_pass(now: dt.datetime) -> PassResult:
    deadline_sweep_ensure(now=now)
    return run_pass(now=now)
