import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zakupki.contracts.selectors_deadlines import contracts_changed_since
from zakupki.contracts.services import AcceptanceLineData, acceptance_submit
from zakupki.notifications import contract_watch
from zakupki.notifications.contract_watch import SWEEP_OVERLAP, deadline_sweep_due
from zakupki.notifications.models import ContractWatch, DeadlineSweep
from zakupki.notifications.tests.contract_givens import concluded_deal, draft_deal

pytestmark = pytest.mark.django_db


def test_the_sweep_makes_due_only_the_watches_of_contracts_written_since_the_last_sweep():
    # given: two concluded contracts; after a sweep, only the first gets an acceptance document
    written = concluded_deal(region_code="77")
    quiet = concluded_deal(region_code="50", region_name="Московская область")
    last_sweep = timezone.now() + SWEEP_OVERLAP
    acceptance_submit(
        stage=written.stage,
        user=written.seller,
        lines=[AcceptanceLineData(item=written.contract.items.get(), quantity=Decimal(1))],
    )
    sweep = DeadlineSweep.objects.get(pk=1)
    sweep.swept_at = last_sweep
    now = last_sweep + dt.timedelta(minutes=10)
    # when
    deadline_sweep_due(sweep, now)
    # then
    assert list(ContractWatch.objects.values_list("contract_id", "next_check_at")) == [
        (written.contract.pk, now)
    ]
    sweep.refresh_from_db()
    assert (sweep.swept_at, sweep.next_check_at) == (now, now + dt.timedelta(minutes=10))
    assert quiet.contract.pk not in contracts_changed_since(since=last_sweep - SWEEP_OVERLAP)


def test_the_first_sweep_watches_every_contract_drafts_included(monkeypatch):
    monkeypatch.setattr(contract_watch, "TOUCH_CHUNK", 1)  # the chunks of a large first sweep, in small
    concluded = concluded_deal(region_code="77")
    draft = draft_deal(region_code="50", region_name="Московская область")
    sweep = DeadlineSweep.objects.get(pk=1)
    sweep.swept_at = None
    now = timezone.now()

    deadline_sweep_due(sweep, now)

    assert list(
        ContractWatch.objects.order_by("contract_id").values_list("contract_id", "next_check_at")
    ) == [
        (concluded.contract.pk, now),
        (draft.contract.pk, now),
    ]
