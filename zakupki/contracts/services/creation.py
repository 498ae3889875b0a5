"""Contracts are created only here, from a purchase result (architecture rule 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, User
from zakupki.contracts.enums import PurchaseBasis, SgozExclusion, SourceKind
from zakupki.contracts.ledger import small_purchase_charge
from zakupki.contracts.models import Contract, ContractItem
from zakupki.contracts.services.signing_deadlines import signing_deadline_arm
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import round_money
from zakupki.core.timeutil import local_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.oversight.selectors import procedure_suspended


@dataclass(frozen=True)
class ContractItemData:
    name: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    catalog_ref: str = ""


def sgoz_exclusion_for(basis: PurchaseBasis) -> SgozExclusion:
    """Every basis the platform purchases under (п.4, п.5 ч.1 ст.93) is a single-supplier purchase, which
    ч.1.1 ст.30 leaves out of the СГОЗ base of the SMP share; the formulas read only the stored field."""
    if basis in (PurchaseBasis.P4, PurchaseBasis.P5):
        return SgozExclusion.SINGLE_SUPPLIER
    raise ValueError(f"unknown purchase basis {basis!r}")


def _number(source_kind: SourceKind, source_id: int, customer: Organization) -> str:
    prefix = {SourceKind.QUOTATION_SESSION: "КС", SourceKind.DIRECT_PURCHASE: "ПЗ", SourceKind.NEED: "ЗП"}[
        source_kind
    ]
    return f"{prefix}-{customer.region.code}-{source_id:08d}"


def contract_create_from_award(
    *,
    customer: Organization,
    supplier: Organization,
    items: list[ContractItemData],
    price: Decimal,
    basis: PurchaseBasis,
    source_kind: SourceKind,
    source_id: int,
    subject: str,
    actor: User | None,
    nmck: Decimal | None = None,
    execution_due_date: dt.date | None = None,
    smp_procedure: bool = False,
) -> Contract:
    """Item amounts are quantity × unit price; their sum must equal the contract price to the kopeck.
    `smp_procedure`: the procedure was open to SMP/SONKO only (п.1 ч.1 ст.30), for К7 and К8."""
    errors: dict[str, str] = {}
    if customer.kind != OrganizationKind.CUSTOMER:
        errors["customer"] = "Заказчиком по контракту может быть только организация-заказчик"
    if supplier.kind != OrganizationKind.SUPPLIER:
        errors["supplier"] = "Поставщиком по контракту может быть только организация-поставщик"
    if not items:
        errors["items"] = "В контракте должна быть хотя бы одна позиция"
    amounts = [round_money(item.quantity * item.unit_price) for item in items]
    if items and sum(amounts, Decimal(0)) != price:
        errors["price"] = f"Сумма позиций {sum(amounts, Decimal(0))} не равна цене контракта {price}"
    if price <= 0:
        errors["price"] = "Цена контракта должна быть больше нуля"
    if errors:
        raise ValidationFailed(errors)
    if Contract.objects.filter(source_kind=source_kind, source_id=source_id).exists():
        raise Conflict("По этой закупке контракт уже создан")
    if procedure_suspended(kind=source_kind, target_id=source_id):
        raise Conflict(
            "Закупка приостановлена по жалобе: контракт нельзя заключить до решения контрольного органа"
        )
    try:
        return _create(
            customer=customer,
            supplier=supplier,
            items=items,
            amounts=amounts,
            price=price,
            basis=basis,
            source_kind=source_kind,
            source_id=source_id,
            subject=subject,
            actor=actor,
            nmck=nmck,
            execution_due_date=execution_due_date,
            smp_procedure=smp_procedure,
        )
    except IntegrityError as exc:
        # A concurrent award of the same purchase won the unique (source_kind, source_id) race.
        raise Conflict("По этой закупке контракт уже создан") from exc


def _create(
    *,
    customer: Organization,
    supplier: Organization,
    items: list[ContractItemData],
    amounts: list[Decimal],
    price: Decimal,
    basis: PurchaseBasis,
    source_kind: SourceKind,
    source_id: int,
    subject: str,
    actor: User | None,
    nmck: Decimal | None,
    execution_due_date: dt.date | None,
    smp_procedure: bool,
) -> Contract:
    with transaction.atomic():
        contract = Contract.objects.create(
            number=_number(source_kind, source_id, customer),
            customer=customer,
            supplier=supplier,
            price=price,
            nmck=nmck,
            basis=basis,
            source_kind=source_kind,
            source_id=source_id,
            subject=subject[:1000],
            supplier_is_smp=supplier.is_smp or supplier.is_sonko,
            sgoz_exclusion=sgoz_exclusion_for(basis),
            smp_procedure=smp_procedure,
            execution_due_date=execution_due_date,
        )
        ContractItem.objects.bulk_create(
            ContractItem(
                contract=contract,
                position=n,
                name=item.name,
                catalog_ref=item.catalog_ref,
                unit=item.unit,
                quantity=item.quantity,
                unit_price=item.unit_price,
                amount=amount,
            )
            for n, (item, amount) in enumerate(zip(items, amounts, strict=True), start=1)
        )
        signing_deadline_arm(contract)  # the supplier's signing term starts with the draft
        # Every п.4/п.5 contract passes here, so the annual caps hold for all purchase routes alike.
        on = local_date(timezone.now(), customer.region.timezone)
        small_purchase_charge(contract=contract, basis=basis, on=on)
        audit_record(
            actor=actor,
            event=EventType.CONTRACT_CREATED,
            obj=contract,
            details={
                "number": contract.number,
                "customer": customer.inn,
                "supplier": supplier.inn,
                "price": price,
                "source": f"{source_kind.value}:{source_id}",
                "basis": basis.value,
                "sgoz_exclusion": contract.sgoz_exclusion,
                "smp_procedure": smp_procedure,
            },
        )
    return contract
