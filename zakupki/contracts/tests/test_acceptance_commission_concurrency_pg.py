"""Races around the acceptance commission on PostgreSQL (row locks): one decision wins, a member's vote
counts once, and a decision never passes while a member's vote is still missing."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from zakupki.contracts.enums import AcceptanceStatus
from zakupki.contracts.models import AcceptanceApproval, AcceptanceDocument, AcceptancePaper
from zakupki.contracts.services import acceptance_decide, acceptance_vote
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.test_acceptance_commission import with_commission
from zakupki.contracts.tests.test_acceptance_documents import submitted
from zakupki.contracts.tests.test_lifecycle import Parties, items
from zakupki.core.errors import Conflict
from zakupki.core.testing import race as run_race
from zakupki.documents.models import AuditEvent, Signature
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.documents.services.verification import journal_verify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls: Callable[[], object]) -> tuple[list[object], list[str], list[BaseException]]:
    """Runs the calls at once in threads: (results, Conflict messages, unexpected errors)."""
    return run_race(calls, refusal=Conflict)


def test_two_final_decisions_after_all_votes_cannot_both_succeed():
    parties = Parties()
    document = submitted(parties)
    paper, _ = items(document.stage.contract)
    for member in with_commission(parties, document.stage.contract):
        acceptance_vote(document=document, user=member, approve=True)
    other = f.member_of(parties.customer)
    signing_key_issue(user=other, actor=None)

    won, refused, errors = race(
        lambda: acceptance_decide(document=document, user=parties.buyer, full=True),
        lambda: acceptance_decide(document=document, user=other, accepted_lines={paper.pk: Decimal(5)}),
    )

    assert errors == []
    assert len(won) == 1
    assert refused == ["Решение по этому документу о приёмке уже принято"]
    document.refresh_from_db()
    assert isinstance(won[0], AcceptanceDocument)
    assert document.status == won[0].status
    expected = Decimal("6000.00") if document.status == AcceptanceStatus.ACCEPTED else Decimal("2500.00")
    assert document.accepted_amount == expected
    assert (
        AcceptancePaper.objects.filter(acceptance=document, kind=AcceptancePaper.Kind.DECISION).count() == 1
    )
    assert AuditEvent.objects.filter(event="contract.acceptance_decided").count() == 1
    assert journal_verify().ok


def test_a_member_voting_twice_at_once_is_counted_once():
    parties = Parties()
    document = submitted(parties)
    members = with_commission(parties, document.stage.contract)

    won, refused, errors = race(
        lambda: acceptance_vote(document=document, user=members[0], approve=True),
        lambda: acceptance_vote(document=document, user=members[0], approve=False, dissent_reason="Брак"),
    )

    assert errors == []
    assert len(won) == 1
    assert refused == ["Вы уже проголосовали по этому документу о приёмке"]
    assert AcceptanceApproval.objects.filter(acceptance=document, member=members[0]).count() == 1
    assert Signature.objects.filter(signer=members[0], purpose="член приёмочной комиссии").count() == 1
    assert AuditEvent.objects.filter(event="contract.acceptance_voted").count() == 1
    assert journal_verify().ok


def test_the_last_vote_racing_the_decision_never_lets_it_pass_without_that_vote():
    parties = Parties()
    document = submitted(parties)
    members = with_commission(parties, document.stage.contract)
    for member in members[:4]:
        acceptance_vote(document=document, user=member, approve=True)

    won, refused, errors = race(
        lambda: acceptance_vote(document=document, user=members[4], approve=True),
        lambda: acceptance_decide(document=document, user=parties.buyer, full=True),
    )

    assert errors == []
    document.refresh_from_db()
    assert AcceptanceApproval.objects.filter(acceptance=document).count() == 5  # the vote always counts
    if refused:  # the decision took the lock first and saw the missing vote
        assert refused == [
            "Решение принимается после голосования всех членов приёмочной комиссии; "
            "не проголосовали: Член комиссии 5"
        ]
        assert document.status == AcceptanceStatus.SUBMITTED
    else:  # the vote came first; the decision saw all five
        assert len(won) == 2
        assert document.status == AcceptanceStatus.ACCEPTED
    assert journal_verify().ok
