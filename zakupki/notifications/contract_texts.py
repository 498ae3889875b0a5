"""Russian texts of contract deadline reminders: who gets which, and what it says."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from zakupki.contracts import selectors_deadlines as due
from zakupki.contracts.models import Contract
from zakupki.contracts.selectors_deadlines import ContractDeadline
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_date


class Moment(enum.StrEnum):
    SOON = "soon"
    PASSED = "passed"


class Party(enum.StrEnum):
    CUSTOMER = "customer"
    SUPPLIER = "supplier"


# (deadline kind, moment) → (notification kind, the parties told).
REMINDERS: dict[tuple[str, Moment], tuple[str, tuple[Party, ...]]] = {
    (due.SUPPLIER_SIGNING_DUE, Moment.SOON): ("contract.supplier_signing_due_soon", (Party.SUPPLIER,)),
    (due.SUPPLIER_SIGNING_DUE, Moment.PASSED): (
        "contract.supplier_signing_overdue",
        (Party.SUPPLIER, Party.CUSTOMER),
    ),
    (due.CUSTOMER_SIGNING_DUE, Moment.SOON): ("contract.customer_signing_due_soon", (Party.CUSTOMER,)),
    (due.CUSTOMER_SIGNING_DUE, Moment.PASSED): (
        "contract.customer_signing_overdue",
        (Party.CUSTOMER, Party.SUPPLIER),
    ),
    (due.STAGE_DUE, Moment.SOON): ("contract.stage_due_soon", (Party.SUPPLIER, Party.CUSTOMER)),
    (due.STAGE_DUE, Moment.PASSED): ("contract.stage_overdue", (Party.SUPPLIER, Party.CUSTOMER)),
    (due.ACCEPTANCE_DECISION_DUE, Moment.SOON): ("contract.acceptance_decision_due_soon", (Party.CUSTOMER,)),
    (due.ACCEPTANCE_DECISION_DUE, Moment.PASSED): (
        "contract.acceptance_decision_overdue",
        (Party.CUSTOMER, Party.SUPPLIER),
    ),
    (due.PAYMENT_DUE, Moment.SOON): ("contract.payment_due_soon", (Party.CUSTOMER,)),
    (due.PAYMENT_DUE, Moment.PASSED): ("contract.payment_overdue", (Party.CUSTOMER, Party.SUPPLIER)),
    (due.REFUSAL_EFFECTIVE, Moment.SOON): (
        "contract.refusal_effective_soon",
        (Party.CUSTOMER, Party.SUPPLIER),
    ),
    (due.REFUSAL_EFFECTIVE, Moment.PASSED): ("contract.refusal_effective", (Party.CUSTOMER, Party.SUPPLIER)),
}


@dataclass(frozen=True)
class Reminder:
    kind: str
    parties: tuple[Party, ...]
    subject: str
    body: str


def reminder_for(contract: Contract, deadline: ContractDeadline, moment: Moment) -> Reminder:
    kind, parties = REMINDERS[(deadline.kind, moment)]
    subject, body = _texts(contract, deadline, moment)
    return Reminder(kind=kind, parties=parties, subject=subject, body=body)


def _texts(contract: Contract, deadline: ContractDeadline, moment: Moment) -> tuple[str, str]:
    number = f"№ {contract.number}"
    day = format_ru_date(deadline.due_date)
    stage = f"этап {deadline.stage_number}"
    document = f"документу о приёмке № {deadline.document_number}"
    unpaid = format_rub(deadline.unpaid) if deadline.unpaid is not None else ""
    soon = moment == Moment.SOON
    match deadline.kind:
        case due.SUPPLIER_SIGNING_DUE | due.CUSTOMER_SIGNING_DUE if soon:
            signer = "поставщиком" if deadline.kind == due.SUPPLIER_SIGNING_DUE else "заказчиком"
            return (
                f"Контракт {number}: срок подписания {signer} — {day}",
                f"Контракт {number} «{contract.subject}» нужно подписать {signer} не позднее {day}.",
            )
        case due.SUPPLIER_SIGNING_DUE | due.CUSTOMER_SIGNING_DUE:
            signer = "поставщиком" if deadline.kind == due.SUPPLIER_SIGNING_DUE else "заказчиком"
            return (
                f"Контракт {number}: истёк срок подписания {signer}",
                f"Срок подписания контракта {number} «{contract.subject}» {signer} истёк {day}, "
                "а контракт не подписан.",
            )
        case due.STAGE_DUE if soon:
            return (
                f"Контракт {number}: срок исполнения этапа {deadline.stage_number} — {day}",
                f"Срок исполнения этапа {deadline.stage_number} по контракту {number} «{contract.subject}» "
                f"истекает {day}.",
            )
        case due.STAGE_DUE:
            return (
                f"Контракт {number}: просрочено исполнение этапа {deadline.stage_number}",
                f"Срок исполнения этапа {deadline.stage_number} по контракту {number} «{contract.subject}» "
                f"истёк {day}, а {stage} не передан на приёмку.",
            )
        case due.ACCEPTANCE_DECISION_DUE if soon:
            return (
                f"Контракт {number}: срок решения по {document} — {day}",
                f"Решение по {document} ({stage}) по контракту {number} нужно принять не позднее {day}.",
            )
        case due.ACCEPTANCE_DECISION_DUE:
            return (
                f"Контракт {number}: истёк срок решения по {document}",
                f"Срок решения заказчика по {document} ({stage}) по контракту {number} истёк {day}, "
                "а решение не принято.",
            )
        case due.PAYMENT_DUE if soon:
            return (
                f"Контракт {number}: срок оплаты по {document} — {day}",
                f"Оплату по {document} ({stage}) по контракту {number} нужно провести не позднее {day}; "
                f"к оплате {unpaid}.",
            )
        case due.PAYMENT_DUE:
            return (
                f"Контракт {number}: просрочена оплата по {document}",
                f"Срок оплаты по {document} ({stage}) по контракту {number} истёк {day}; не оплачено {unpaid}.",
            )
        case due.REFUSAL_EFFECTIVE if soon:
            return (
                f"Контракт {number}: односторонний отказ вступает в силу {day}",
                f"Решение заказчика об одностороннем отказе от исполнения контракта {number} вступает в силу "
                f"по окончании дня {day}, если нарушение не будет устранено.",
            )
        case due.REFUSAL_EFFECTIVE:
            return (
                f"Контракт {number} расторгнут: односторонний отказ вступил в силу",
                f"Решение заказчика об одностороннем отказе от исполнения контракта {number} вступило в силу "
                f"по окончании дня {day}; контракт расторгнут.",
            )
    raise ValueError(f"unknown deadline kind {deadline.kind!r}")
