"""Acceptance as signed PDFs: the supplier's document, the customer's decision, corrections, tampering."""

import contextlib
import re
import zlib
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string

from zakupki.accounts.models import User
from zakupki.contracts.enums import AcceptanceStatus, StageStatus
from zakupki.contracts.models import AcceptanceDocument, AcceptancePaper
from zakupki.contracts.services import (
    AcceptanceLineData,
    acceptance_correct,
    acceptance_decide,
    acceptance_submit,
    contract_terminate_by_court,
    payment_record,
)
from zakupki.contracts.services.acceptance_papers import (
    DECISION_TEMPLATE,
    SUBMISSION_TEMPLATE,
    decision_context,
    submission_context,
)
from zakupki.contracts.tests.test_lifecycle import TODAY, Parties, concluded, items, snapshot, stage_of
from zakupki.core.errors import Conflict, PermissionDenied
from zakupki.documents.models import Document, Signature, SigningKey
from zakupki.documents.services.signatures import signature_verify, signing_key_revoke
from zakupki.documents.services.storage import document_read_verified

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
MSG_NO_KEY = (
    "Для подписания документа о приёмке нужен действующий ключ электронной подписи: "
    "выпустите его на странице контракта"
)


def submitted(parties: Parties, paper_qty: str = "10", pens_qty: str = "20") -> AcceptanceDocument:
    contract = concluded(parties)
    paper, pens = items(contract)
    return acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[
            AcceptanceLineData(item=paper, quantity=Decimal(paper_qty)),
            AcceptanceLineData(item=pens, quantity=Decimal(pens_qty)),
        ],
    )


def inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams unpacked (font names live in object streams)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"".join(parts)


def decision_html(decided: AcceptanceDocument, user: User) -> str:
    """The decision PDF's HTML, as rendered when the decision was taken."""
    assert decided.decided_at is not None
    return render_to_string(
        DECISION_TEMPLATE, decision_context(acceptance=decided, user=user, now=decided.decided_at)
    )


def paper_of(document: AcceptanceDocument, kind: AcceptancePaper.Kind) -> AcceptancePaper:
    return AcceptancePaper.objects.select_related("file", "signature").get(acceptance=document, kind=kind)


def test_submission_is_a_pdf_signed_by_the_submitting_supplier_user():
    parties = Parties()
    document = submitted(parties, "4", "20")

    paper = paper_of(document, AcceptancePaper.Kind.SUBMISSION)
    content = document_read_verified(document=paper.file)
    assert content.startswith(b"%PDF")
    assert b"DejaVu-Sans" in inflated(content)  # the Cyrillic font is embedded
    assert paper.file.kind == "acceptance_submission"
    assert paper.file.title == f"Документ о приёмке № {document.number} (ред. 1)"
    assert paper.file.content_type == "application/pdf"
    assert (paper.signature.signer_id, paper.signature.purpose) == (parties.seller.pk, "поставщик")
    assert paper.signature.organization_id == parties.supplier.pk
    assert signature_verify(signature=paper.signature).ok
    assert list(Signature.objects.filter(document=paper.file).values_list("signer_id", flat=True)) == [
        parties.seller.pk
    ]


def test_submission_pdf_lists_items_totals_words_registry_number_and_stage():
    parties = Parties()
    document = submitted(parties, "4", "20")
    contract = document.stage.contract

    html = render_to_string(SUBMISSION_TEMPLATE, submission_context(acceptance=document, user=parties.seller))

    assert f"Документ о приёмке № {document.number}</h1>" in html
    assert f"реестровый номер {contract.registry_number}" in html
    assert "<tr><td>Этап</td><td>№ 1</td></tr>" in html
    assert (
        f'<td class="num">4</td><td class="num">500,00{NBSP}₽</td><td class="num">2{NBSP}000,00{NBSP}₽</td>'
        in html
    )
    assert (
        f'<td class="num">20</td><td class="num">50,00{NBSP}₽</td><td class="num">1{NBSP}000,00{NBSP}₽</td>'
        in html
    )
    assert f"Итого к приёмке: 3{NBSP}000 (три тысячи) рублей 00 копеек." in html
    assert parties.seller.full_name in html


def test_submission_without_a_signing_key_is_refused_and_stores_nothing():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    key = SigningKey.objects.get(user=parties.seller)
    signing_key_revoke(key=key, actor=None)
    before = snapshot(contract)

    with pytest.raises(PermissionDenied) as exc:
        acceptance_submit(
            stage=stage_of(contract),
            user=parties.seller,
            lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
        )

    assert exc.value.message == MSG_NO_KEY
    assert snapshot(contract) == before
    assert AcceptancePaper.objects.count() == 0


def test_full_acceptance_is_a_document_of_acceptance_signed_by_the_customer():
    parties = Parties()
    document = submitted(parties)

    decided = acceptance_decide(document=document, user=parties.buyer, full=True)

    paper = paper_of(decided, AcceptancePaper.Kind.DECISION)
    assert paper.file.title == f"Документ о приёмке № {decided.number} (ред. 1): решение заказчика"
    assert (paper.signature.signer_id, paper.signature.purpose) == (parties.buyer.pk, "заказчик")
    assert paper.signature.organization_id == parties.customer.pk
    assert signature_verify(signature=paper.signature).ok
    assert document_read_verified(document=paper.file).startswith(b"%PDF")


def test_partial_acceptance_pdf_records_accepted_quantities_and_the_supplier_file():
    parties = Parties()
    document = submitted(parties)
    paper, pens = items(document.stage.contract)

    decided = acceptance_decide(
        document=document,
        user=parties.buyer,
        accepted_lines={paper.pk: Decimal(4), pens.pk: Decimal(20)},
        refuse_reason="6 пачек бумаги намокли",
    )

    html = decision_html(decided, parties.buyer)
    submission = paper_of(decided, AcceptancePaper.Kind.SUBMISSION)
    assert decided.status == AcceptanceStatus.PARTIALLY_ACCEPTED
    assert "<h1>Документ о приёмке</h1>" in html
    assert f"SHA-256 {submission.file.sha256}" in html
    assert (
        f'<td class="num">10</td><td class="num">500,00{NBSP}₽</td>\n'
        f'      <td class="num">4</td><td class="num">2{NBSP}000,00{NBSP}₽</td>'
    ) in html
    assert f"Принято на сумму: 3{NBSP}000 (три тысячи) рублей 00 копеек." in html
    assert "Не принято по причине: 6 пачек бумаги намокли." in html


def test_refusal_is_a_motivated_refusal_signed_by_the_customer():
    parties = Parties()
    document = submitted(parties)

    decided = acceptance_decide(document=document, user=parties.buyer, refuse_reason="Не та бумага")

    paper = paper_of(decided, AcceptancePaper.Kind.DECISION)
    html = decision_html(decided, parties.buyer)
    assert paper.file.title == f"Мотивированный отказ по документу о приёмке № {decided.number} (ред. 1)"
    assert "<h1>Мотивированный отказ</h1>" in html
    assert "Причина: Не та бумага" in html
    assert signature_verify(signature=paper.signature).ok


def test_decision_without_a_customer_signing_key_is_refused_and_changes_nothing():
    parties = Parties()
    document = submitted(parties)
    contract = document.stage.contract
    signing_key_revoke(key=SigningKey.objects.get(user=parties.buyer), actor=None)
    before = snapshot(contract)

    with pytest.raises(PermissionDenied) as exc:
        acceptance_decide(document=document, user=parties.buyer, full=True)

    assert exc.value.message == MSG_NO_KEY
    assert snapshot(contract) == before
    assert AcceptancePaper.objects.filter(kind=AcceptancePaper.Kind.DECISION).count() == 0


def test_a_corrected_document_is_a_new_signed_file_linked_to_the_refused_one():
    parties = Parties()
    document = submitted(parties)
    contract = document.stage.contract
    paper, pens = items(contract)
    refused = acceptance_decide(document=document, user=parties.buyer, refuse_reason="Не та бумага")

    corrected = acceptance_correct(
        document=refused,
        user=parties.seller,
        lines=[
            AcceptanceLineData(item=paper, quantity=Decimal(10)),
            AcceptanceLineData(item=pens, quantity=Decimal(20)),
        ],
    )

    old = paper_of(refused, AcceptancePaper.Kind.SUBMISSION)
    new = paper_of(corrected, AcceptancePaper.Kind.SUBMISSION)
    html = render_to_string(
        SUBMISSION_TEMPLATE, submission_context(acceptance=corrected, user=parties.seller)
    )
    assert (corrected.number, corrected.version, corrected.replaces_id) == (refused.number, 2, refused.pk)
    assert new.file.previous_id == old.file.pk
    assert new.file.pk != old.file.pk
    assert new.file.title == f"Документ о приёмке № {refused.number} (ред. 2)"
    assert "(исправленный, ред. 2)" in html
    assert (
        f"документа № {refused.number} (ред. 1), по которому получен мотивированный отказ: Не та бумага"
        in html
    )
    assert signature_verify(signature=new.signature).ok


def test_verify_documents_names_a_tampered_acceptance_pdf(capsys: pytest.CaptureFixture[str]):
    parties = Parties()
    document = acceptance_decide(document=submitted(parties), user=parties.buyer, full=True)
    paper = paper_of(document, AcceptancePaper.Kind.DECISION)
    call_command("verify_documents")
    assert "Документы целы" in capsys.readouterr().out

    content = document_read_verified(document=paper.file)
    with paper.file.file.open("wb") as handle:  # one byte changed in storage
        handle.write(content.replace(b"%PDF", b"%PDX", 1))

    with pytest.raises(CommandError) as exc:
        call_command("verify_documents")
    out = capsys.readouterr().out
    title = f"Документ о приёмке № {document.number} (ред. 1): решение заказчика"
    assert (
        f"Документ №{paper.file.pk} «{title}»: файл изменён: SHA-256 не совпадает с адресом документа" in out
    )
    assert (
        f"Документ №{paper.file.pk} «{title}», подпись №{paper.signature_id}: "
        "подпись: файл документа изменён: SHA-256 не совпадает с адресом документа"
    ) in out
    assert "нарушений: 2" in str(exc.value)


def test_acceptance_after_termination_by_court_is_refused_and_stores_no_pdf():
    parties = Parties()
    document = submitted(parties)
    contract = document.stage.contract
    contract_terminate_by_court(contract=contract, user=parties.buyer, decision_ref="А40-1/2026")
    before = (snapshot(contract), Document.objects.count())

    with pytest.raises(Conflict) as exc:
        acceptance_decide(document=document, user=parties.buyer, full=True)

    assert exc.value.message == "Контракт расторгнут: приёмка по нему невозможна"
    assert (snapshot(contract), Document.objects.count()) == before


def test_paying_the_accepted_documents_executes_the_contract():
    parties = Parties()
    document = submitted(parties)
    decided = acceptance_decide(document=document, user=parties.buyer, full=True)

    payment_record(document=decided, user=parties.buyer, amount=Decimal("6000.00"), paid_on=TODAY)

    stage = stage_of(decided.stage.contract)
    stage.contract.refresh_from_db()
    assert (stage.status, stage.contract.status) == (StageStatus.PAID, "executed")


def test_verify_documents_catches_a_signature_whose_purpose_was_changed_in_the_database(
    capsys: pytest.CaptureFixture[str],
):
    parties = Parties()
    document = submitted(parties)
    paper = paper_of(document, AcceptancePaper.Kind.SUBMISSION)
    Signature.objects.filter(pk=paper.signature_id).update(purpose="заказчик")  # a forged capacity

    with pytest.raises(CommandError):
        call_command("verify_documents")

    assert (
        f"Документ №{paper.file.pk} «Документ о приёмке № {document.number} (ред. 1)», "
        f"подпись №{paper.signature_id}: подпись: подпись не соответствует документу "
        "(значение или реквизиты подписи изменены)"
    ) in capsys.readouterr().out
