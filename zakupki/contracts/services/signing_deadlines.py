"""The worker's side of the signing deadlines (zakupki/contracts/signing_deadlines.py computes them):
`next_check_at` points at the current side's deadline; when it passes unsigned, a "signing overdue"
event is journalled once per side. No legal consequence is drawn here (evasion is not decided by us)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zakupki.contracts.models import Contract, ContractSigningOverdue
from zakupki.contracts.signing_deadlines import signing_due_at
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record


def signing_deadline_arm(contract: Contract) -> None:
    """Points `next_check_at` at the deadline of the side that must sign now (or clears it). Called by
    the services that create and sign contracts, inside their transaction, with the row locked."""
    due = signing_due_at(contract)
    contract.next_check_at = due[1] if due is not None else None
    contract.save(update_fields=["next_check_at"])


def contract_signing_time_event(*, contract: Contract, now: dt.datetime) -> Contract:
    """Idempotent: before the deadline only re-arms; after it records the overdue side once."""
    with transaction.atomic():
        locked = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("customer__region", "supplier__region")
            .get(pk=contract.pk)
        )
        due = signing_due_at(locked)
        if due is not None and now <= due[1]:
            if locked.next_check_at != due[1]:
                locked.next_check_at = due[1]
                locked.save(update_fields=["next_check_at"])
            return locked
        if due is not None:
            side, due_at = due
            _, created = ContractSigningOverdue.objects.get_or_create(
                contract=locked, side=side, defaults={"due_at": due_at, "recorded_at": now}
            )
            if created:
                audit_record(
                    actor=None,
                    event=EventType.CONTRACT_SIGNING_OVERDUE,
                    obj=locked,
                    details={"side": side, "due_at": due_at, "number": locked.number},
                )
        if locked.next_check_at is not None:
            locked.next_check_at = None
            locked.save(update_fields=["next_check_at"])
    return locked
