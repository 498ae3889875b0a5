"""Termination documents as signed PDFs: the unilateral refusal decision, the agreement to terminate
(signed by both sides), the record of a court decision."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from zakupki.accounts.models import User
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import TerminationPaper
from zakupki.contracts.services import (
    contract_terminate_by_agreement,
    contract_terminate_by_court,
    contract_unilateral_refusal,
    termination_agreement_accept,
    termination_agreement_propose,
)
from zakupki.contracts.services.termination_papers import TERMINATION_TEMPLATE, termination_context
from zakupki.contracts.tests.test_lifecycle import Parties, concluded, snapshot
from zakupki.core.errors import PermissionDenied
from zakupki.core.timeutil import format_ru_datetime
from zakupki.documents.models import AuditEvent, Document, Signature, SigningKey
from zakupki.documents.services.signatures import signature_verify, signing_key_revoke
from zakupki.documents.services.storage import document_read_verified

pytestmark = pytest.mark.django_db
NB = "\u00a0"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
MSK = "Europe/Moscow"
MSG_NO_KEY = (
    "Для подписания документа о расторжении контракта нужен действующий ключ электронной подписи: "
    "выпустите его на странице контракта"
)


def signers_of(paper: TerminationPaper) -> list[tuple[int, str, bool]]:
    return [
        (s.signer_id, s.purpose, signature_verify(signature=s).ok)
        for s in paper.signatures.order_by("signed_at", "pk")
    ]


def revoke(user: User) -> None:
    key = SigningKey.objects.get(user=user, revoked_at__isnull=True)
    signing_key_revoke(key=key, actor=None)


def counts() -> tuple[int, int, int, int]:
    return (
        TerminationPaper.objects.count(),
        Document.objects.count(),
        Signature.objects.count(),
        AuditEvent.objects.count(),
    )


def test_unilateral_refusal_is_a_decision_signed_by_the_customer_with_the_effect_date_and_cure_note():
    parties = Parties()
    contract = contract_unilateral_refusal(
        contract=concluded(parties), user=parties.buyer, reason="Просрочка поставки по этапу 1"
    )
    assert contract.termination_notice_at is not None
    assert contract.termination_effective_at is not None

    paper = TerminationPaper.objects.get(contract=contract)
    assert paper.kind == "unilateral"
    assert paper.file.title == f"Решение об одностороннем отказе от исполнения контракта № {contract.number}"
    assert document_read_verified(document=paper.file).startswith(b"%PDF")
    assert signers_of(paper) == [(parties.buyer.pk, "заказчик", True)]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.event, event.object_id) == ("contract.termination_paper_signed", str(paper.pk))

    html = render_to_string(
        TERMINATION_TEMPLATE,
        termination_context(
            contract=contract,
            kind=TerminationPaper.Kind.UNILATERAL,
            reason=contract.termination_reason,
            signers=[parties.buyer],
            now=contract.termination_notice_at,
            cure_days=10,
        ),
    )
    assert "<h1>Решение об одностороннем отказе от исполнения контракта</h1>" in html
    assert "Основание (нарушение поставщиком условий контракта): Просрочка поставки по этапу 1" in html
    notice = format_ru_datetime(contract.termination_notice_at, MSK)
    effective = format_ru_datetime(contract.termination_effective_at, MSK)
    assert f"<tr><td>Дата документа</td><td>{notice}</td></tr>" in html
    assert f"контракт считается расторгнутым {effective} — через 10 дней" in html
    assert contract.termination_effective_at - contract.termination_notice_at >= dt.timedelta(days=10)
    assert "через 10 дней с даты надлежащего уведомления поставщика" in html
    assert "нарушение условий контракта, послужившее основанием для его принятия, устранено" in html
    assert f"6{NB}000 (шесть тысяч) рублей 00 копеек" in html


def test_unilateral_refusal_without_a_key_changes_nothing():
    parties = Parties()
    contract = concluded(parties)
    revoke(parties.buyer)
    before, rows = snapshot(contract), counts()

    with pytest.raises(PermissionDenied) as exc:
        contract_unilateral_refusal(contract=contract, user=parties.buyer, reason="Просрочка")

    assert exc.value.message == MSG_NO_KEY
    assert (snapshot(contract), counts()) == (before, rows)


def test_agreement_accepted_is_signed_by_the_proposer_and_the_accepter():
    parties = Parties()
    contract = concluded(parties)
    proposal = termination_agreement_propose(
        contract=contract, user=parties.seller, reason="Товар снят с производства"
    )

    termination_agreement_accept(proposal=proposal, user=parties.buyer)

    paper = TerminationPaper.objects.get(contract=contract)
    assert paper.kind == "agreement"
    assert paper.file.title == f"Соглашение о расторжении контракта № {contract.number}"
    assert signers_of(paper) == [(parties.seller.pk, "поставщик", True), (parties.buyer.pk, "заказчик", True)]


def test_agreement_is_not_concluded_while_the_proposer_has_no_key():
    parties = Parties()
    contract = concluded(parties)
    proposal = termination_agreement_propose(
        contract=contract, user=parties.seller, reason="Товар снят с производства"
    )
    revoke(parties.seller)
    before, rows = snapshot(contract), counts()

    with pytest.raises(PermissionDenied) as exc:
        termination_agreement_accept(proposal=proposal, user=parties.buyer)

    assert exc.value.message == (
        "У сотрудника, предложившего расторжение, нет действующего ключа электронной подписи: "
        "соглашение о расторжении не может быть подписано"
    )
    proposal.refresh_from_db()
    assert (snapshot(contract), counts(), proposal.status) == (before, rows, "pending")


def test_one_call_agreement_is_signed_by_both_sides():
    parties = Parties()
    contract = contract_terminate_by_agreement(
        contract=concluded(parties),
        customer_user=parties.buyer,
        supplier_user=parties.seller,
        reason="Отпала потребность",
    )

    paper = TerminationPaper.objects.get(contract=contract)
    assert signers_of(paper) == [(parties.buyer.pk, "заказчик", True), (parties.seller.pk, "поставщик", True)]


def test_court_termination_is_recorded_in_a_document_signed_by_whoever_records_it():
    parties = Parties()
    contract = contract_terminate_by_court(
        contract=concluded(parties), user=parties.buyer, decision_ref="А40-12345/2026"
    )

    assert contract.status == ContractStatus.TERMINATED
    paper = TerminationPaper.objects.get(contract=contract)
    assert (paper.kind, paper.file.title) == (
        "court",
        f"Сведения о расторжении по решению суда № {contract.number}",
    )
    assert signers_of(paper) == [(parties.buyer.pk, "заказчик", True)]
    html = render_to_string(
        TERMINATION_TEMPLATE,
        termination_context(
            contract=contract,
            kind=TerminationPaper.Kind.COURT,
            reason=contract.termination_reason,
            signers=[parties.buyer],
            now=NOW,
        ),
    )
    assert "Реквизиты решения суда: А40-12345/2026" in html
