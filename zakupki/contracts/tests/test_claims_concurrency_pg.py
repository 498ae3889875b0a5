"""Two customer users raise the same claim at the same moment on PostgreSQL: exactly one claim, one PDF."""

import datetime as dt

import pytest
from django.utils import timezone

from zakupki.contracts.models import ContractClaim, Stage
from zakupki.contracts.services.claims import claim_raise
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.test_lifecycle import Parties, concluded, stage_of
from zakupki.core.testing import race
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.documents.services.verification import journal_verify

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_claims_for_one_stage_leave_exactly_one(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    parties = Parties()
    stage = stage_of(concluded(parties))
    Stage.objects.filter(pk=stage.pk).update(due_date=dt.date(2026, 2, 20))
    colleague = f.member_of(parties.customer)
    signing_key_issue(user=colleague, actor=None)

    won, refused, errors = race(
        [
            lambda: claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty"),
            lambda: claim_raise(stage=stage, user=colleague, kind="delay_penalty"),
        ]
    )

    assert errors == []
    assert len(won) == 1
    assert refused == ["По этому этапу уже предъявлено требование этого вида, и оно не закрыто"]
    assert [(c.number, str(c.amount)) for c in ContractClaim.objects.all()] == [(1, "32.00")]
    assert journal_verify().ok
