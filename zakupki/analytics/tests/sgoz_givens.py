"""Givens for the СГОЗ, К7 and К8 tests: payment plans, subcontracts, payments and EIS finance rows created
directly on top of the shared builders (the formulas only read)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zakupki.accounts.identifiers import make_inn
from zakupki.accounts.models import Organization
from zakupki.analytics.tests import builders as b
from zakupki.contracts.enums import AcceptanceStatus, ContractStatus
from zakupki.contracts.models import (
    AcceptanceDocument,
    Contract,
    ContractPaymentPlan,
    ContractSubcontract,
    Payment,
    Stage,
)
from zakupki.contracts.tests.factories import user
from zakupki.interop.models import EisContract, EisContractPaymentYear


def planned(
    buyer: Organization,
    *,
    price: str,
    concluded_at: dt.datetime,
    plan: dict[int, str],
    exclusion: str = "",
    smp_procedure: bool = False,
    status: ContractStatus = ContractStatus.EXECUTING,
    terminated_at: dt.datetime | None = None,
) -> Contract:
    contract = b.contract(
        buyer,
        price=price,
        nmck=None,
        concluded_at=concluded_at,
        status=status,
        sgoz_exclusion=exclusion,
        smp_procedure=smp_procedure,
        terminated_at=terminated_at,
    )
    ContractPaymentPlan.objects.bulk_create(
        ContractPaymentPlan(contract=contract, year=year, amount=Decimal(amount))
        for year, amount in plan.items()
    )
    return contract


def subcontract(of: Contract, *, amount: str, on: dt.date, smp: bool, n: int = 1) -> ContractSubcontract:
    return ContractSubcontract.objects.create(
        contract=of,
        subcontractor_inn=make_inn(f"72030000{n}"),
        subcontractor_name=f"ООО «Субподрядчик-{n}»",
        subcontractor_is_smp=smp,
        amount=Decimal(amount),
        concluded_on=on,
    )


def paid(of: Contract, *, amount: str, on: dt.date) -> Payment:
    stage = Stage.objects.create(contract=of, number=1, due_date=on, amount=of.price)
    clerk = user()
    document = AcceptanceDocument.objects.create(
        stage=stage,
        number="1",
        status=AcceptanceStatus.ACCEPTED,
        total=Decimal(amount),
        submitted_by=clerk,
        submitted_at=b.local(on.year, on.month, on.day),
        decision_due_at=b.local(on.year, on.month, on.day),
        accepted_amount=Decimal(amount),
        paid_amount=Decimal(amount),
    )
    return Payment.objects.create(document=document, amount=Decimal(amount), paid_on=on, recorded_by=clerk)


def eis_planned(
    buyer: Organization,
    *,
    reg_num: str,
    price: str,
    signed: dt.date,
    plan: dict[int, str],
    exclusion: str = "",
) -> EisContract:
    row = b.eis_contract(buyer, reg_num=reg_num, price=price, nmck=None, signed=signed, smp=False)
    row.sgoz_exclusion = exclusion
    row.save(update_fields=["sgoz_exclusion"])
    EisContractPaymentYear.objects.bulk_create(
        EisContractPaymentYear(contract=row, year=year, amount=Decimal(amount), from_document=True)
        for year, amount in plan.items()
    )
    return row
