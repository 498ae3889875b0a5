"""Time events of the contracts domain (architecture rule 9).

Contract.next_check_at is set while a draft awaits a side's signature (the handler journals a missed
signing deadline once per side) and while a unilateral refusal awaits its effective instant (the handler
terminates the contract then, idempotently); otherwise the field is cleared. Overdue payments and acceptance
decisions need no worker: they are computed at read time (selectors), as is the refusal's effect
(`selectors.contract_effective_status`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.contracts.models import Contract
from zakupki.contracts.services.signing_deadlines import contract_signing_time_event
from zakupki.contracts.services.termination import contract_time_event
from zakupki.contracts.signing_deadlines import AWAITING_SIGNATURE


def _contract_due(contract: Contract, now: dt.datetime) -> None:
    # One due time per row: a draft waits for a signature, a concluded contract for a refusal's effect.
    if contract.status in AWAITING_SIGNATURE:
        contract_signing_time_event(contract=contract, now=now)
    else:
        contract_time_event(contract=contract, now=now)


CONTRACT_DUE: tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]] = (
    "contracts.contract_due",
    Contract,
    _contract_due,
)

TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]] = [CONTRACT_DUE]
