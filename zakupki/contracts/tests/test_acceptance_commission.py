"""The acceptance commission (ч.6 ст.94): appointment, members' votes, the decision after all votes."""

import pytest

from zakupki.accounts.models import User
from zakupki.contracts.enums import AcceptanceStatus
from zakupki.contracts.models import (
    AcceptanceApproval,
    AcceptanceCommission,
    AcceptanceDocument,
    AcceptancePaper,
    Contract,
)
from zakupki.contracts.services import (
    acceptance_commission_appoint,
    acceptance_decide,
    acceptance_vote,
    contract_terminate_by_court,
)
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.test_acceptance_documents import decision_html, submitted
from zakupki.contracts.tests.test_lifecycle import Parties, concluded, snapshot
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.models import AuditEvent, Signature
from zakupki.documents.services.signatures import signature_verify, signing_key_issue

pytestmark = pytest.mark.django_db


def employees(parties: Parties, count: int) -> list[User]:
    people = [f.member_of(parties.customer, full_name=f"Член комиссии {n}") for n in range(1, count + 1)]
    for person in people:
        signing_key_issue(user=person, actor=None)
    return people


def with_commission(parties: Parties, contract: Contract) -> list[User]:
    members = employees(parties, 5)
    acceptance_commission_appoint(contract=contract, user=parties.buyer, members=members, chair=members[0])
    return members


def commission_state() -> tuple[int, int, int]:
    return (
        AcceptanceCommission.objects.count(),
        AcceptanceApproval.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_customer_appoints_a_commission_of_five_with_a_chair():
    parties = Parties()
    contract = concluded(parties)
    members = employees(parties, 5)

    commission = acceptance_commission_appoint(
        contract=contract, user=parties.buyer, members=members, chair=members[2]
    )

    rows = list(commission.members.order_by("pk").values_list("user_id", "is_chair"))
    assert rows == [(m.pk, m == members[2]) for m in members]
    event = AuditEvent.objects.get(event="contract.acceptance_commission_appointed")
    assert event.details == {
        "contract": contract.number,
        "members": [m.pk for m in members],
        "chair": members[2].pk,
    }


def test_a_commission_of_fewer_than_five_is_refused():
    parties = Parties()
    contract = concluded(parties)
    members = employees(parties, 4)
    before = commission_state()

    with pytest.raises(ValidationFailed) as exc:
        acceptance_commission_appoint(
            contract=contract, user=parties.buyer, members=[*members, members[0]], chair=members[0]
        )

    assert exc.value.errors == {"members": "В приёмочную комиссию входят не менее 5 человек, выбрано 4"}
    assert commission_state() == before


def test_a_supplier_employee_cannot_be_a_member_and_the_chair_must_be_a_member():
    parties = Parties()
    contract = concluded(parties)
    members = employees(parties, 5)
    before = commission_state()

    with pytest.raises(ValidationFailed) as outsider:
        acceptance_commission_appoint(
            contract=contract, user=parties.buyer, members=[*members[:4], parties.seller], chair=members[0]
        )
    with pytest.raises(ValidationFailed) as chair:
        acceptance_commission_appoint(
            contract=contract, user=parties.buyer, members=members, chair=parties.buyer
        )

    assert outsider.value.errors == {
        "members": f"Членами комиссии могут быть только сотрудники заказчика: {parties.seller.full_name}"
    }
    assert chair.value.errors == {"chair": "Председатель назначается из членов комиссии"}
    assert commission_state() == before


def test_only_the_customer_appoints_and_only_once():
    parties = Parties()
    contract = concluded(parties)
    members = employees(parties, 5)
    with pytest.raises(PermissionDenied) as denied:
        acceptance_commission_appoint(
            contract=contract, user=parties.seller, members=members, chair=members[0]
        )
    assert denied.value.message == "Приёмочную комиссию назначает только сотрудник заказчика по контракту"
    acceptance_commission_appoint(contract=contract, user=parties.buyer, members=members, chair=members[0])
    before = commission_state()

    with pytest.raises(Conflict) as again:
        acceptance_commission_appoint(
            contract=contract, user=parties.buyer, members=members, chair=members[1]
        )

    assert again.value.message == "Приёмочная комиссия по контракту уже назначена"
    assert commission_state() == before


def test_the_decision_waits_for_every_member_and_then_records_the_votes():
    parties = Parties()
    document = submitted(parties)
    contract = document.stage.contract
    members = with_commission(parties, contract)
    for member in members[:3]:
        acceptance_vote(document=document, user=member, approve=True)
    acceptance_vote(document=document, user=members[3], approve=False, dissent_reason="Пачки помяты")
    before = snapshot(contract)

    with pytest.raises(Conflict) as early:
        acceptance_decide(document=document, user=parties.buyer, full=True)
    assert early.value.message == (
        "Решение принимается после голосования всех членов приёмочной комиссии; не проголосовали: Член комиссии 5"
    )
    assert snapshot(contract) == before

    acceptance_vote(document=document, user=members[4], approve=True)
    decided = acceptance_decide(document=document, user=parties.buyer, full=True)

    assert decided.status == AcceptanceStatus.ACCEPTED
    submission = AcceptancePaper.objects.get(acceptance=decided, kind=AcceptancePaper.Kind.SUBMISSION)
    signatures = list(
        Signature.objects.filter(document=submission.file).order_by("pk").values_list("signer_id", "purpose")
    )
    assert signatures == [(parties.seller.pk, "поставщик")] + [
        (m.pk, "член приёмочной комиссии") for m in members
    ]
    assert all(signature_verify(signature=s).ok for s in Signature.objects.filter(document=submission.file))
    html = decision_html(decided, parties.buyer)
    assert "<h2>Приёмочная комиссия (ч. 6 ст. 94 44-ФЗ)</h2>" in html
    assert "<tr><td>Член комиссии 4</td><td>Не согласен (особое мнение)</td><td>Пачки помяты</td>" in html
    assert html.count("<td>Согласен</td>") == 4


def test_a_member_votes_once_and_a_dissent_needs_a_reason():
    parties = Parties()
    document = submitted(parties)
    members = with_commission(parties, document.stage.contract)
    acceptance_vote(document=document, user=members[0], approve=True)
    before = commission_state()

    with pytest.raises(Conflict) as twice:
        acceptance_vote(document=document, user=members[0], approve=False, dissent_reason="Передумал")
    with pytest.raises(ValidationFailed) as no_reason:
        acceptance_vote(document=document, user=members[1], approve=False, dissent_reason="  ")

    assert twice.value.message == "Вы уже проголосовали по этому документу о приёмке"
    assert no_reason.value.errors == {"reason": "Укажите, с чем вы не согласны (особое мнение)"}
    assert commission_state() == before


@pytest.mark.parametrize("who", ["customer employee outside the commission", "supplier employee", "stranger"])
def test_someone_outside_the_commission_cannot_vote(who: str):
    parties = Parties()
    document = submitted(parties)
    with_commission(parties, document.stage.contract)
    voter = {
        "customer employee outside the commission": parties.buyer,
        "supplier employee": parties.seller,
        "stranger": f.member_of(f.customer()),
    }[who]
    signing_key_issue(user=voter, actor=None)
    before = (commission_state(), Signature.objects.count())

    with pytest.raises(PermissionDenied) as exc:
        acceptance_vote(document=document, user=voter, approve=True)

    assert exc.value.message == (
        "Голосовать по документу о приёмке может только член приёмочной комиссии по контракту"
    )
    assert (commission_state(), Signature.objects.count()) == before


def test_a_member_moved_to_another_organization_cannot_vote():
    parties = Parties()
    document = submitted(parties)
    members = with_commission(parties, document.stage.contract)
    moved = members[0]
    moved.organization = f.customer()
    moved.save(update_fields=["organization"])
    before = commission_state()

    with pytest.raises(PermissionDenied):
        acceptance_vote(document=document, user=moved, approve=True)

    assert commission_state() == before


def test_voting_closes_with_the_decision():
    parties = Parties()
    document = submitted(parties)
    members = with_commission(parties, document.stage.contract)
    for member in members:
        acceptance_vote(document=document, user=member, approve=True)
    acceptance_decide(document=document, user=parties.buyer, full=True)
    before = commission_state()

    with pytest.raises(Conflict) as exc:
        acceptance_vote(document=document, user=members[0], approve=False, dissent_reason="Поздно")

    assert exc.value.message == "Решение по этому документу о приёмке уже принято: голосование закрыто"
    assert commission_state() == before


def test_a_vote_after_termination_is_refused():
    parties = Parties()
    document = submitted(parties)
    members = with_commission(parties, document.stage.contract)
    contract_terminate_by_court(
        contract=document.stage.contract, user=parties.buyer, decision_ref="А40-2/2026"
    )
    before = commission_state()

    with pytest.raises(Conflict) as exc:
        acceptance_vote(document=document, user=members[0], approve=True)

    assert exc.value.message == "Контракт расторгнут: приёмка по нему невозможна"
    assert commission_state() == before


def test_without_a_commission_one_customer_signatory_decides():
    parties = Parties()
    document = submitted(parties)

    decided = acceptance_decide(document=document, user=parties.buyer, full=True)

    assert decided.status == AcceptanceStatus.ACCEPTED
    assert AcceptanceApproval.objects.count() == 0
    assert AcceptanceDocument.objects.get().decided_by_id == parties.buyer.pk
