"""Conclusion: the supplier signs the contract text, then the customer; the registry number is assigned
and the default stage created. The text is a PDF stored once (content-addressed) and signed with the
parties' GOST keys through documents.services.signatures."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, ContractRegistryCounter, Stage, StageItem
from zakupki.contracts.services._common import (
    contract_check_transition,
    contract_rule_int,
    contract_set_status,
    quantity_text,
    require_member,
)
from zakupki.contracts.services.payment_plan import payment_plan_json, payment_plan_on_conclusion
from zakupki.contracts.services.signing_deadlines import signing_deadline_arm
from zakupki.contracts.services.stage_plan import stage_plan_rows
from zakupki.core.errors import Conflict
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_date, local_date
from zakupki.documents.events import EventType
from zakupki.documents.pdf import render_pdf
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.signatures import document_sign
from zakupki.documents.services.storage import document_store

# Not a legal number (architecture rule 6 does not apply): the contract's own term when the purchase
# did not give one (Contract.execution_due_date). Documented in docs/lifecycles/contract.md.
DEFAULT_EXECUTION_DAYS = 30

PURPOSE_SUPPLIER = "поставщик"
PURPOSE_CUSTOMER = "заказчик"
MSG_NOT_SUPPLIER = "Подписать контракт от имени поставщика может только сотрудник поставщика"
MSG_NOT_CUSTOMER = "Подписать контракт от имени заказчика может только сотрудник заказчика"


def _locked(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("customer__region", "supplier__region")
        .get(pk=contract.pk)
    )


def _render(contract: Contract, now: dt.datetime) -> bytes:
    tz = contract.customer.region.timezone
    items = [
        {
            "position": item.position,
            "name": item.name,
            "unit": item.unit,
            "quantity_text": quantity_text(item.quantity),
            "unit_price_text": format_rub(item.unit_price),
            "amount_text": format_rub(item.amount),
        }
        for item in contract.items.all()
    ]
    stages = stage_plan_rows(contract)
    due_text = (
        f"по этапам, последний — {stages[-1]['due_text']}"
        if stages
        else format_ru_date(contract.execution_due_date)
        if contract.execution_due_date
        else f"{DEFAULT_EXECUTION_DAYS} календарных дней с даты заключения"
    )
    context = {
        "contract": contract,
        "customer": contract.customer,
        "supplier": contract.supplier,
        "items": items,
        "price_text": format_rub(contract.price),
        "due_text": due_text,
        "stages": stages,
        "payment_days": contract_rule_int("contract.payment.max_working_days", contract=contract, at=now),
        "tz": tz,
    }
    return render_pdf("contracts/contract.html", context)


def contract_sign_supplier(*, contract: Contract, user: User, now: dt.datetime | None = None) -> Contract:
    """DRAFT → SIGNED_BY_SUPPLIER: the contract PDF is rendered, stored and signed by the supplier."""
    require_member(user, contract.supplier, MSG_NOT_SUPPLIER)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(contract)
        contract_check_transition(locked, ContractStatus.SIGNED_BY_SUPPLIER)
        document = document_store(
            content=_render(locked, now),
            title=f"Контракт № {locked.number}",
            kind="contract",
            content_type="application/pdf",
            actor=user,
        )
        signature = document_sign(
            document=document,
            signer=user,
            purpose=PURPOSE_SUPPLIER,
            expected_organization=locked.supplier,
            now=now,
        )
        locked.text_document = document
        locked.supplier_signed_at, locked.supplier_signed_by = now, user
        contract_set_status(
            locked,
            ContractStatus.SIGNED_BY_SUPPLIER,
            fields=["text_document", "supplier_signed_at", "supplier_signed_by"],
        )
        signing_deadline_arm(locked)  # now the customer's term runs
        audit_record(
            actor=user,
            event=EventType.CONTRACT_SIGNED_BY_SUPPLIER,
            obj=locked,
            details={"document_sha256": document.sha256, "signature_id": signature.pk},
        )
    return locked


def _next_registry_number(contract: Contract, now: dt.datetime) -> str:
    region = contract.customer.region
    year = local_date(now, region.timezone).year
    ContractRegistryCounter.objects.get_or_create(region=region, year=year)
    counter = ContractRegistryCounter.objects.select_for_update().get(region=region, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{region.code}-{year}-{counter.last:06d}"


def _create_default_stage(contract: Contract, now: dt.datetime, actor: User) -> Stage:
    tz = contract.customer.region.timezone
    due = contract.execution_due_date or local_date(now, tz) + dt.timedelta(days=DEFAULT_EXECUTION_DAYS)
    stage = Stage.objects.create(contract=contract, number=1, due_date=due, amount=contract.price)
    StageItem.objects.bulk_create(
        StageItem(stage=stage, contract_item=item, quantity=item.quantity, amount=item.amount)
        for item in contract.items.all()
    )
    audit_record(
        actor=actor,
        event=EventType.CONTRACT_STAGE_CREATED,
        obj=stage,
        details={"contract": contract.number, "number": 1, "due_date": due, "amount": stage.amount},
    )
    return stage


def contract_sign_customer(*, contract: Contract, user: User, now: dt.datetime | None = None) -> Contract:
    """SIGNED_BY_SUPPLIER → CONCLUDED: the customer signs the same text; the registry number
    (`<region code>-<year>-<6-digit sequence>`) is assigned and the default single stage created."""
    require_member(user, contract.customer, MSG_NOT_CUSTOMER)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(contract)
        contract_check_transition(locked, ContractStatus.CONCLUDED)
        document = locked.text_document
        if document is None:  # SIGNED_BY_SUPPLIER always has its text; a guard for the type checker
            raise Conflict("У контракта нет текста, подписанного поставщиком")
        signature = document_sign(
            document=document,
            signer=user,
            purpose=PURPOSE_CUSTOMER,
            expected_organization=locked.customer,
            now=now,
        )
        locked.registry_number = _next_registry_number(locked, now)
        locked.customer_signed_at, locked.customer_signed_by = now, user
        locked.concluded_at = now
        contract_set_status(
            locked,
            ContractStatus.CONCLUDED,
            fields=["registry_number", "customer_signed_at", "customer_signed_by", "concluded_at"],
        )
        signing_deadline_arm(locked)  # concluded: no signing term left
        staged = locked.stages.exists()  # the customer's stage plan (stage_plan.py)
        plan = payment_plan_on_conclusion(locked, now=now, staged=staged)
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CONCLUDED,
            obj=locked,
            details={
                "registry_number": locked.registry_number,
                "signature_id": signature.pk,
                "payment_plan": payment_plan_json(plan),
            },
        )
        if not staged:
            _create_default_stage(locked, now, user)
    return locked
