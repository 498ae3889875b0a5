import pytest

from zakupki.contracts.enums import ContractStatus, TerminationKind
from zakupki.contracts.models import TerminationProposal
from zakupki.contracts.services import (
    termination_agreement_accept,
    termination_agreement_decline,
    termination_agreement_propose,
)
from zakupki.contracts.tests.test_lifecycle import Parties, concluded, events_of
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def test_supplier_proposes_and_the_customer_accepts_the_termination_by_agreement():
    parties = Parties()
    contract = concluded(parties)

    proposal = termination_agreement_propose(
        contract=contract, user=parties.seller, reason="Товар снят с производства"
    )
    contract.refresh_from_db()
    assert (contract.status, proposal.status, proposal.proposed_by_side) == (
        ContractStatus.CONCLUDED,
        "pending",
        "supplier",
    )

    terminated = termination_agreement_accept(proposal=proposal, user=parties.buyer)

    proposal.refresh_from_db()
    assert (terminated.status, terminated.termination_kind, terminated.termination_reason) == (
        ContractStatus.TERMINATED,
        TerminationKind.AGREEMENT,
        "Товар снят с производства",
    )
    assert (proposal.status, proposal.answered_by) == ("accepted", parties.buyer)
    assert events_of(contract)[-2:] == ["contract.termination_proposed", "contract.terminated"]


def test_the_proposing_side_cannot_accept_its_own_proposal_and_nothing_changes():
    parties = Parties()
    contract = concluded(parties)
    proposal = termination_agreement_propose(
        contract=contract, user=parties.buyer, reason="Потребность отпала"
    )

    with pytest.raises(PermissionDenied) as exc:
        termination_agreement_accept(proposal=proposal, user=parties.buyer)

    assert exc.value.message == "Ответить на предложение о расторжении может только другая сторона контракта"
    contract.refresh_from_db()
    proposal.refresh_from_db()
    assert (contract.status, proposal.status) == (ContractStatus.CONCLUDED, "pending")


def test_one_pending_proposal_at_a_time_and_a_declined_one_can_be_followed_by_another():
    parties = Parties()
    contract = concluded(parties)
    first = termination_agreement_propose(contract=contract, user=parties.buyer, reason="Потребность отпала")

    with pytest.raises(Conflict) as exc:
        termination_agreement_propose(contract=contract, user=parties.seller, reason="Встречное")
    assert exc.value.message == "Предложение о расторжении уже направлено и ждёт ответа"

    declined = termination_agreement_decline(proposal=first, user=parties.seller, reason="Готовы поставить")
    assert (declined.status, declined.answer_reason) == ("declined", "Готовы поставить")
    with pytest.raises(Conflict):
        termination_agreement_accept(proposal=first, user=parties.seller)
    second = termination_agreement_propose(contract=contract, user=parties.buyer, reason="Повторно")
    assert TerminationProposal.objects.filter(contract=contract).count() == 2
    assert second.status == "pending"


def test_a_proposal_needs_a_reason_and_a_party():
    parties = Parties()
    contract = concluded(parties)
    outsider = Parties().buyer

    with pytest.raises(ValidationFailed) as empty:
        termination_agreement_propose(contract=contract, user=parties.buyer, reason="  ")
    with pytest.raises(PermissionDenied) as stranger:
        termination_agreement_propose(contract=contract, user=outsider, reason="Хочу")

    assert empty.value.errors == {"reason": "Укажите основание расторжения"}
    assert (
        stranger.value.message
        == "Предложить или принять расторжение может только сотрудник стороны контракта"
    )
    assert TerminationProposal.objects.count() == 0
