"""Read-only: a contract's open deadlines, for reminders (zakupki.notifications watches them).

Each deadline is the last instant (end of a local day, aware UTC) by which a party must act, plus the
local date it is shown as, in the customer's region. A deadline is "open" while the act is still owed;
it disappears once met (delivered, decided, paid, breach cured), so a reminder read later sees nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q

from zakupki.contracts.enums import (
    ACCEPTED_DOCUMENT_STATUSES,
    AcceptanceStatus,
    ContractStatus,
    StageStatus,
    TerminationKind,
)
from zakupki.contracts.models import AcceptanceDocument, Contract, Payment, Stage
from zakupki.contracts.signing_deadlines import CUSTOMER, SUPPLIER, signing_due_at
from zakupki.core.timeutil import end_of_local_day, local_date

STAGE_DUE = "stage"
ACCEPTANCE_DECISION_DUE = "acceptance_decision"
PAYMENT_DUE = "payment"
REFUSAL_EFFECTIVE = "refusal"
SUPPLIER_SIGNING_DUE = "supplier_signing"
CUSTOMER_SIGNING_DUE = "customer_signing"

# A stage is still owed while a unilateral refusal is pending: delivering is how the supplier cures it.
STAGES_OWED_IN = (ContractStatus.CONCLUDED, ContractStatus.EXECUTING, ContractStatus.TERMINATION_PENDING)
UNDELIVERED_STAGE_STATUSES = (StageStatus.PENDING, StageStatus.REFUSED)


@dataclass(frozen=True)
class ContractDeadline:
    kind: str
    ref: str  # what the deadline is about, stable across reads: "stage:12", "document:5"
    due_at: dt.datetime  # the last instant to act (end of the local day)
    due_date: dt.date  # that day, where it is counted
    tz_name: str  # where it is counted: the customer's region, or the signing side's
    stage_number: int | None = None
    document_number: str = ""
    unpaid: Decimal | None = None


def _stage_deadlines(contract: Contract, tz: str) -> list[ContractDeadline]:
    if contract.status not in STAGES_OWED_IN:
        return []
    stages = Stage.objects.filter(contract=contract, status__in=UNDELIVERED_STAGE_STATUSES).order_by("number")
    return [
        ContractDeadline(
            kind=STAGE_DUE,
            ref=f"stage:{stage.pk}",
            due_at=end_of_local_day(stage.due_date, tz),
            due_date=stage.due_date,
            tz_name=tz,
            stage_number=stage.number,
        )
        for stage in stages
    ]


def _document_deadlines(contract: Contract, tz: str) -> list[ContractDeadline]:
    documents = (
        AcceptanceDocument.objects.filter(stage__contract=contract)
        .filter(
            Q(status=AcceptanceStatus.SUBMITTED)
            | Q(
                status__in=ACCEPTED_DOCUMENT_STATUSES,
                payment_due_at__isnull=False,
                paid_amount__lt=F("accepted_amount"),
            )
        )
        .select_related("stage")
        .order_by("pk")
    )
    result = []
    for document in documents:
        unpaid: Decimal | None = None
        if document.status == AcceptanceStatus.SUBMITTED:
            kind, due_at = ACCEPTANCE_DECISION_DUE, document.decision_due_at
        elif document.payment_due_at is not None:  # always, by the filter above
            kind, due_at = PAYMENT_DUE, document.payment_due_at
            unpaid = document.accepted_amount - document.paid_amount
        else:
            continue
        result.append(
            ContractDeadline(
                kind=kind,
                ref=f"document:{document.pk}",
                due_at=due_at,
                due_date=local_date(due_at, tz),
                tz_name=tz,
                stage_number=document.stage.number,
                document_number=document.number,
                unpaid=unpaid,
            )
        )
    return result


def _refusal_deadline(contract: Contract, tz: str) -> list[ContractDeadline]:
    effective_at = contract.termination_effective_at
    pending = contract.status == ContractStatus.TERMINATION_PENDING
    # Still reported after the contracts worker has terminated the contract: it may run first.
    took_effect = (
        contract.status == ContractStatus.TERMINATED
        and contract.termination_kind == TerminationKind.UNILATERAL
    )
    if effective_at is None or not (pending or took_effect):
        return []
    return [
        ContractDeadline(
            kind=REFUSAL_EFFECTIVE,
            ref="refusal",
            due_at=effective_at,
            due_date=local_date(effective_at, tz),
            tz_name=tz,
        )
    ]


def _signing_deadline(contract: Contract) -> list[ContractDeadline]:
    """The signature the contract waits for (`contracts.signing_deadlines`), in the signer's zone."""
    due = signing_due_at(contract)
    if due is None:
        return []
    side, due_at = due
    kinds = {SUPPLIER: SUPPLIER_SIGNING_DUE, CUSTOMER: CUSTOMER_SIGNING_DUE}
    signer = contract.supplier if side == SUPPLIER else contract.customer
    tz = signer.region.timezone
    return [
        ContractDeadline(
            kind=kinds[side],
            ref=f"signing:{side}",
            due_at=due_at,
            due_date=local_date(due_at, tz),
            tz_name=tz,
        )
    ]


def contract_open_deadlines(*, contract: Contract) -> list[ContractDeadline]:
    """The signature a draft waits for, stage due dates still undelivered, acceptance decisions still
    untaken, payments still owed and a unilateral refusal awaiting (or just past) its effect; sorted by
    due instant."""
    tz = contract.customer.region.timezone
    deadlines = [
        *_signing_deadline(contract),
        *_stage_deadlines(contract, tz),
        *_document_deadlines(contract, tz),
        *_refusal_deadline(contract, tz),
    ]
    return sorted(deadlines, key=lambda d: (d.due_at, d.kind, d.ref))


def contracts_changed_since(*, since: dt.datetime | None) -> list[int]:
    """Ids of contracts whose deadlines may have changed at or after `since` (all, when None): the
    contract row itself, a stage, an acceptance document or a payment was written."""
    if since is None:
        return list(Contract.objects.order_by("pk").values_list("pk", flat=True))
    ids: set[int] = set(Contract.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    ids.update(Stage.objects.filter(updated_at__gte=since).values_list("contract_id", flat=True))
    ids.update(
        AcceptanceDocument.objects.filter(Q(submitted_at__gte=since) | Q(decided_at__gte=since)).values_list(
            "stage__contract_id", flat=True
        )
    )
    ids.update(
        Payment.objects.filter(created_at__gte=since).values_list("document__stage__contract_id", flat=True)
    )
    return sorted(ids)
