"""Time events of quotation sessions (architecture rule 9; convention in zakupki/worker/registry.py).

- a published session is closed at `ends_at` (bidding is refused from that instant whatever the worker
  does; the worker only sums up);
- an open contract offer expires after `due_at`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.procedures.models import ContractOffer, QuotationSession
from zakupki.procedures.services.closing import session_close
from zakupki.procedures.services.offers import contract_offer_expire


def _session_due(session: QuotationSession, now: dt.datetime) -> None:
    session_close(session=session, now=now)


def _offer_due(offer: ContractOffer, now: dt.datetime) -> None:
    contract_offer_expire(offer=offer, now=now)


TIME_EVENTS: list[
    tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]
    | tuple[str, type[models.Model], Callable[[Any, dt.datetime], None], int]
] = [
    # Closing renders a PDF (~0.1 s): small batches keep each worker transaction short.
    ("procedures.session_close", QuotationSession, _session_due, 10),
    ("procedures.contract_offer_expire", ContractOffer, _offer_due),
]
