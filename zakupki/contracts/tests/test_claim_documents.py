"""Claims (требования об уплате неустойки) as signed PDFs: amount from the calculator, refusals that
change nothing, the ПП 783 write-off, payment, withdrawal, tampering."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import timezone

from zakupki.contracts.claim_states import ClaimKind, ClaimStatus
from zakupki.contracts.models import ContractClaim, Stage
from zakupki.contracts.services import AcceptanceLineData, acceptance_decide, acceptance_submit
from zakupki.contracts.services.claim_papers import CLAIM_TEMPLATE, claim_context
from zakupki.contracts.services.claims import (
    claim_calculations,
    claim_mark_paid,
    claim_raise,
    claim_withdraw,
    claim_write_off,
)
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.test_acceptance_documents import inflated
from zakupki.contracts.tests.test_lifecycle import Parties, concluded, draft, items, stage_of
from zakupki.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.documents.models import AuditEvent, Document, Signature, SigningKey
from zakupki.documents.services.signatures import signature_verify, signing_key_issue, signing_key_revoke
from zakupki.documents.services.storage import document_read_verified

pytestmark = pytest.mark.django_db
NB = "\u00a0"
# Inside the 16 % key-rate period (from 22.12.2025): the figures do not move with the calendar.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 2, 20)  # 10 days late on 02.03.2026 (21.02…02.03)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def overdue(parties: Parties) -> Stage:
    """The 6 000,00 ₽ contract of test_lifecycle with its one stage 10 days late."""
    stage = stage_of(concluded(parties))
    Stage.objects.filter(pk=stage.pk).update(due_date=DUE)
    stage.refresh_from_db()
    return stage


def claim_html(claim: ContractClaim, parties: Parties) -> str:
    """The claim PDF's HTML, as rendered when the claim was raised."""
    stage = Stage.objects.select_related("contract__customer__region", "contract__supplier").get(
        pk=claim.stage_id
    )
    calculations = claim_calculations(stage=stage, kind=ClaimKind(claim.kind), on=claim.calculated_on)
    context = claim_context(
        stage=stage,
        number=claim.number,
        kind_label=ClaimKind(claim.kind).label,
        breach=claim.breach,
        calculations=calculations,
        user=parties.buyer,
        now=claim.raised_at,
    )
    return render_to_string(CLAIM_TEMPLATE, context)


def state() -> tuple[int, int, int, int]:
    return (
        ContractClaim.objects.count(),
        Document.objects.count(),
        Signature.objects.count(),
        AuditEvent.objects.count(),
    )


def test_delay_claim_takes_the_calculators_amount_and_is_a_pdf_signed_by_the_customer():
    parties = Parties()
    stage = overdue(parties)

    claim = claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty")

    # 6 000,00 × 1/300 × 16 % × 10 = 32,00 ₽
    assert (claim.number, claim.status, claim.amount) == (1, ClaimStatus.RAISED, Decimal("32.00"))
    assert claim.calculated_on == dt.date(2026, 3, 2)
    assert claim.working.splitlines()[-1] == f"Итого: 32,00{NB}₽ — 32 (тридцать два) рубля 00 копеек"
    assert f"6{NB}000,00{NB}₽ × 1/300 × 16{NB}% × 10 = 32,00{NB}₽" in claim.working
    assert "Дней просрочки: 10 (с 21.02.2026 по 02.03.2026)" in claim.working
    content = document_read_verified(document=claim.document)
    assert content.startswith(b"%PDF")
    assert b"DejaVu-Sans" in inflated(content)  # the Cyrillic font is embedded
    assert claim.document.kind == "contract_claim"
    number = stage.contract.number
    assert (
        claim.document.title == f"Требование об уплате неустойки (пени, штрафа) № 1 по контракту № {number}"
    )
    signature = claim.signature
    assert (signature.signer_id, signature.purpose, signature.organization_id) == (
        parties.buyer.pk,
        "заказчик",
        parties.customer.pk,
    )
    assert signature_verify(signature=signature).ok
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.event, event.object_id) == ("contract.claim_raised", str(claim.pk))
    assert event.details["amount"] == "32.00"


def test_claim_pdf_shows_the_working_term_by_term_and_the_amount_in_words():
    parties = Parties()
    claim = claim_raise(stage=overdue(parties), user=parties.buyer, kind="delay_penalty")

    html = claim_html(claim, parties)

    assert "<h1>Требование об уплате неустойки (пени, штрафа)</h1>" in html
    assert "№ 1 от 02.03.2026 12:00" in html
    assert "<tr><td>Ключевая ставка</td><td>16" in html
    assert "<tr><td>Дата ставки</td><td>02.03.2026</td>" in html
    assert "<tr><td>Дней просрочки</td><td>10</td><td>с 21.02.2026 по 02.03.2026</td></tr>" in html
    assert f"<tr><td>Ц − В</td><td>6{NB}000,00{NB}₽</td>" in html
    assert f"требует уплатить неустойку в размере 32 (тридцать два) рубля 00 копеек (32,00{NB}₽)." in html
    assert "Пеня за просрочку исполнения обязательства (ч.7 ст.34 44-ФЗ)" in html


def test_fine_claim_is_ten_percent_of_the_stage_and_needs_the_breach_described():
    parties = Parties()
    stage = stage_of(concluded(parties))
    before = state()

    with pytest.raises(ValidationFailed) as exc:
        claim_raise(stage=stage, user=parties.buyer, kind="fine", breach="  ")
    assert exc.value.errors == {"breach": "Опишите нарушение, за которое начисляется штраф"}
    assert state() == before

    claim = claim_raise(
        stage=stage, user=parties.buyer, kind="fine", breach="Поставлена бумага плотностью 65 г/м²"
    )

    assert claim.amount == Decimal("600.00")
    assert f"Штраф = база × процент: 6{NB}000,00{NB}₽ × 10{NB}% = 600,00{NB}₽" in claim.working
    assert "К начислению = min(штраф, остаток)" in claim.working
    assert "Поставлена бумага плотностью 65 г/м²" in claim_html(claim, parties)


def test_refusals_change_nothing():
    parties = Parties()
    stage = overdue(parties)
    other_customer_user = f.member_of(f.customer())
    signing_key_issue(user=other_customer_user, actor=None)
    before = state()

    with pytest.raises(PermissionDenied):
        claim_raise(stage=stage, user=parties.seller, kind="delay_penalty")
    with pytest.raises(PermissionDenied):
        claim_raise(stage=stage, user=other_customer_user, kind="delay_penalty")
    with pytest.raises(ValidationFailed) as exc:
        claim_raise(stage=stage, user=parties.buyer, kind="bonus")
    assert exc.value.errors == {"kind": "Выберите вид неустойки: пеня за просрочку или штраф"}
    assert state() == before

    claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty")
    after_first = state()
    with pytest.raises(Conflict) as conflict:
        claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty")
    assert str(conflict.value) == "По этому этапу уже предъявлено требование этого вида, и оно не закрыто"
    assert state() == after_first


def test_no_delay_means_no_claim():
    parties = Parties()
    stage = stage_of(concluded(parties))
    Stage.objects.filter(pk=stage.pk).update(due_date=dt.date(2026, 3, 2))
    stage.refresh_from_db()
    before = state()

    with pytest.raises(ValidationFailed) as exc:
        claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty")

    assert exc.value.errors == {
        "kind": "Неустойка равна нулю: просрочки нет или обязательства исполнены — требование не предъявляется"
    }
    assert state() == before


def test_a_draft_contract_gets_no_claim():
    parties = Parties()
    stage = Stage.objects.create(contract=draft(parties), number=1, due_date=DUE, amount=Decimal("6000.00"))
    before = state()
    with pytest.raises(Conflict):
        claim_raise(stage=stage, user=parties.buyer, kind="fine", breach="Нарушение")
    assert state() == before


def test_without_an_active_key_nothing_is_stored():
    parties = Parties()
    stage = overdue(parties)
    key = SigningKey.objects.get(user=parties.buyer, revoked_at__isnull=True)
    signing_key_revoke(key=key, actor=parties.buyer)
    before = state()

    with pytest.raises(PermissionDenied) as exc:
        claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty")

    assert str(exc.value) == (
        "Для подписания требования об уплате неустойки нужен действующий ключ электронной подписи: "
        "выпустите его на странице контракта"
    )
    assert state() == before


def test_paid_claim_is_closed_once_and_only_by_the_customer():
    parties = Parties()
    claim = claim_raise(stage=overdue(parties), user=parties.buyer, kind="delay_penalty")

    with pytest.raises(PermissionDenied):
        claim_mark_paid(claim=claim, user=parties.seller, paid_on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationFailed) as exc:
        claim_mark_paid(claim=claim, user=parties.buyer, paid_on=dt.date(2026, 3, 3))
    assert exc.value.errors == {"paid_on": "Дата оплаты не может быть позже сегодняшнего дня"}
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RAISED

    paid = claim_mark_paid(claim=claim, user=parties.buyer, paid_on=dt.date(2026, 3, 2))

    assert (paid.status, paid.paid_on, paid.closed_by_id) == (
        ClaimStatus.PAID,
        dt.date(2026, 3, 2),
        parties.buyer.pk,
    )
    with pytest.raises(InvalidTransition):
        claim_withdraw(claim=paid, user=parties.buyer, reason="Ошибка")
    # A closed claim frees the stage for a new one.
    again = claim_raise(stage=paid.stage, user=parties.buyer, kind="delay_penalty")
    assert again.number == 2


def test_withdrawn_claim_needs_a_reason():
    parties = Parties()
    claim = claim_raise(stage=overdue(parties), user=parties.buyer, kind="delay_penalty")
    with pytest.raises(ValidationFailed):
        claim_withdraw(claim=claim, user=parties.buyer, reason=" ")

    withdrawn = claim_withdraw(claim=claim, user=parties.buyer, reason="Поставщик доказал форс-мажор")

    assert (withdrawn.status, withdrawn.close_note) == (ClaimStatus.WITHDRAWN, "Поставщик доказал форс-мажор")


def deliver_everything(parties: Parties, stage: Stage) -> None:
    paper, pens = items(stage.contract)
    document = acceptance_submit(
        stage=stage,
        user=parties.seller,
        lines=[
            AcceptanceLineData(item=paper, quantity=Decimal(10)),
            AcceptanceLineData(item=pens, quantity=Decimal(20)),
        ],
    )
    acceptance_decide(document=document, user=parties.buyer, full=True)


def test_pp783_writes_off_in_full_up_to_five_percent_once_everything_is_accepted():
    parties = Parties()
    stage = overdue(parties)
    claim = claim_raise(stage=stage, user=parties.buyer, kind="delay_penalty")

    with pytest.raises(Conflict) as exc:
        claim_write_off(claim=claim, user=parties.buyer)
    assert "только при исполнении обязательств по контракту в полном объёме" in str(exc.value)

    deliver_everything(parties, stage)
    written = claim_write_off(claim=claim, user=parties.buyer)

    # 32,00 of 6 000,00 = 0,53 % ≤ 5 %: written off in full.
    assert (written.status, written.written_off, written.to_pay) == (
        ClaimStatus.WRITTEN_OFF,
        Decimal("32.00"),
        Decimal("0.00"),
    )
    assert "списывается полностью" in written.close_note


def test_pp783_leaves_half_to_pay_between_five_and_twenty_percent():
    parties = Parties()
    stage = stage_of(concluded(parties))
    # A fine of 600,00 = 10 % of 6 000,00: the supplier pays half.
    claim = claim_raise(stage=stage, user=parties.buyer, kind="fine", breach="Нарушение упаковки")
    deliver_everything(parties, stage)

    written = claim_write_off(claim=claim, user=parties.buyer)

    assert (written.written_off, written.to_pay) == (Decimal("300.00"), Decimal("300.00"))
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert event.event == "contract.claim_written_off"


def test_verify_documents_catches_a_tampered_claim_pdf(capsys: pytest.CaptureFixture[str]):
    parties = Parties()
    claim = claim_raise(stage=overdue(parties), user=parties.buyer, kind="delay_penalty")
    content = document_read_verified(document=claim.document)
    with claim.document.file.open("wb") as handle:
        handle.write(content.replace(b"%PDF", b"%PDX", 1))

    with pytest.raises(CommandError):
        call_command("verify_documents")

    out = capsys.readouterr().out
    assert f"Документ №{claim.document.pk} «{claim.document.title}»: файл изменён" in out
