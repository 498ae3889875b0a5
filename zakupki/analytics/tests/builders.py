"""Givens for the indicator tests, as rows created directly: the formulas only read, and building the same
rows through the signing, bidding and complaint services would make every figure test a flow test."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.enums import ContractStatus, PurchaseBasis, SourceKind, StageStatus
from zakupki.contracts.models import Contract, Stage
from zakupki.contracts.tests.factories import customer, organization, supplier, user
from zakupki.interop.enums import EisDocumentKind
from zakupki.interop.models import EisContract, EisContractSupplier, EisDocument, EisTermination
from zakupki.oversight.enums import ComplaintStatus, ComplaintSubject, Decision, Respondent
from zakupki.oversight.models import Complaint
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession

YEKATERINBURG = dt.timezone(dt.timedelta(hours=5))
_numbers = itertools.count(1)


def tyumen() -> Region:
    region, _ = Region.objects.get_or_create(
        code="72",
        defaults={
            "name": "Тюменская область",
            "timezone": "Asia/Yekaterinburg",
            "joined_on": dt.date(2024, 1, 1),
        },
    )
    return region


def local(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=YEKATERINBURG)


def buyer(region: Region, name: str) -> Organization:
    return customer(in_region=region, name=name, short_name=name)


def contract(
    buyer: Organization,
    *,
    price: str,
    nmck: str | None,
    concluded_at: dt.datetime,
    smp: bool = False,
    status: ContractStatus = ContractStatus.EXECUTING,
    **fields: Any,
) -> Contract:
    n = next(_numbers)
    return Contract.objects.create(
        number=f"К-{n}",
        registry_number=f"272000000{n:05d}",
        status=status,
        customer=buyer,
        supplier=supplier(in_region=buyer.region, is_smp=smp),
        price=Decimal(price),
        nmck=None if nmck is None else Decimal(nmck),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=n,
        subject="Поставка бумаги",
        supplier_is_smp=smp,
        concluded_at=concluded_at,
        **fields,
    )


def stage(of: Contract, *, due: dt.date, status: StageStatus = StageStatus.PENDING) -> Stage:
    return Stage.objects.create(contract=of, number=1, due_date=due, amount=of.price, status=status)


def session(
    buyer: Organization, *, status: SessionStatus, participants: int, closed_at: dt.datetime | None
) -> QuotationSession:
    return QuotationSession.objects.create(
        customer=buyer,
        region=buyer.region,
        created_by=user(),
        title="Поставка бумаги",
        start_price=Decimal("1000.00"),
        duration_hours=24,
        status=status,
        participants_count=participants,
        bids_count=participants,
        closed_at=closed_at,
    )


def eis_contract(
    buyer: Organization,
    *,
    reg_num: str,
    price: str,
    nmck: str | None,
    signed: dt.date,
    smp: bool,
    terminated: bool = False,
) -> EisContract:
    document = EisDocument.objects.create(
        kind=EisDocumentKind.CONTRACT,
        reg_num=reg_num,
        version_number=1,
        publish_date=local(signed.year, signed.month, signed.day),
        eis_id=reg_num[-8:],
        region_code=buyer.region.code,
        source="contract.xml",
        content_sha256="0" * 64,
        imported_at=local(2026, 1, 10),
    )
    row = EisContract.objects.create(
        document=document,
        reg_num=reg_num,
        region_code=buyer.region.code,
        sign_date=signed,
        customer_inn=buyer.inn,
        price=Decimal(price),
        currency="RUB",
        nmck=None if nmck is None else Decimal(nmck),
    )
    EisContractSupplier.objects.create(contract=row, inn="7701000000", is_smp=smp)
    if terminated:
        paper = EisDocument.objects.create(
            kind=EisDocumentKind.CONTRACT_PROCEDURE,
            reg_num=reg_num,
            version_number=1,
            publish_date=local(2025, 11, 1),
            eis_id=reg_num[-7:],
            region_code=buyer.region.code,
            source="procedure.xml",
            content_sha256="1" * 64,
            imported_at=local(2026, 1, 10),
        )
        EisTermination.objects.create(
            document=paper, reg_num=reg_num, termination_date=dt.date(2025, 11, 1), reason_code="1"
        )
    return row


def control_body(region: Region) -> Organization:
    return organization(
        kind=OrganizationKind.CONTROL_BODY, in_region=region, name="Управление ФАС по Тюменской области"
    )


def complaint(
    buyer: Organization, reviewer: Organization, *, decision: Decision, decided_at: dt.datetime, by: User
) -> Complaint:
    n = next(_numbers)
    return Complaint.objects.create(
        number=f"Ж-72-{n}",
        status=ComplaintStatus.DECIDED,
        region=buyer.region,
        control_body=reviewer,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=n,
        target_title="Поставка бумаги",
        subject=ComplaintSubject.TERMS,
        customer=buyer,
        complainant=supplier(in_region=buyer.region),
        respondent=Respondent.CUSTOMER,
        remedy="Отменить закупку",
        filed_at=decided_at - dt.timedelta(days=7),
        filed_by=by,
        review_due_at=decided_at,
        decided_at=decided_at,
        decision=decision,
    )
