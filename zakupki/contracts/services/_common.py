"""Shared steps of the contract services: status changes through the tables, rules, permissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zakupki.accounts.models import Organization, User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.enums import AcceptanceStatus, ContractStatus, StageStatus
from zakupki.contracts.models import AcceptanceDocument, Contract, Stage
from zakupki.contracts.selectors import contract_effective_status
from zakupki.contracts.states import (
    ACCEPTANCE_TRANSITIONS,
    CONTRACT_IN_FORCE,
    CONTRACT_TRANSITIONS,
    STAGE_TRANSITIONS,
)
from zakupki.core.errors import Conflict, PermissionDenied
from zakupki.core.timeutil import local_date
from zakupki.core.transitions import check_transition
from zakupki.rules.engine import rule_value

MSG_TERMINATED = "Контракт расторгнут: приёмка по нему невозможна"


def require_member(user: User, organization: Organization, message: str) -> None:
    if not is_member_of(user, organization):
        raise PermissionDenied(message)


def contract_check_transition(contract: Contract, after: ContractStatus) -> None:
    check_transition(CONTRACT_TRANSITIONS, ContractStatus(contract.status), after, what="Контракт")


def contract_set_status(contract: Contract, after: ContractStatus, *, fields: list[str]) -> None:
    """The one place a contract's status changes (architecture rule 7)."""
    contract_check_transition(contract, after)
    contract.status = after
    contract.save(update_fields=["status", "updated_at", *fields])


def stage_set_status(stage: Stage, after: StageStatus) -> None:
    if stage.status == after:
        return
    check_transition(STAGE_TRANSITIONS, StageStatus(stage.status), after, what="Этап")
    stage.status = after
    stage.save(update_fields=["status", "updated_at"])


def acceptance_set_status(
    document: AcceptanceDocument, after: AcceptanceStatus, *, fields: list[str]
) -> None:
    check_transition(
        ACCEPTANCE_TRANSITIONS, AcceptanceStatus(document.status), after, what="Документ о приёмке"
    )
    document.status = after
    document.save(update_fields=["status", *fields])


def require_in_force(contract: Contract, now: dt.datetime) -> None:
    """Delivery and acceptance happen only while the contract is in force."""
    status = contract_effective_status(contract=contract, now=now)
    if status == ContractStatus.TERMINATED:
        raise Conflict(MSG_TERMINATED)
    if status not in CONTRACT_IN_FORCE:
        raise Conflict(f"Контракт в статусе «{status.label}»: приёмка по нему невозможна")


def contract_rule_int(key: str, *, contract: Contract, at: dt.datetime) -> int:
    region = contract.customer.region
    return int(rule_value(key, on=local_date(at, region.timezone), region=region))


def quantity_text(value: Decimal) -> str:
    """3.000 -> «3», 2.500 -> «2,5»."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
