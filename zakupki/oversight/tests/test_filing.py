import datetime as dt
import hashlib

import pytest

from zakupki.contracts.enums import SourceKind
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent, Document, Signature
from zakupki.documents.services.signatures import signature_verify
from zakupki.notifications.models import Notification
from zakupki.oversight.enums import ComplaintStatus, ComplaintSubject, Respondent, StepKind
from zakupki.oversight.models import Complaint
from zakupki.oversight.services.complaints import Attachment, complaint_file
from zakupki.oversight.tests.conftest import NOW, bid_both, file_terms, make_user
from zakupki.procedures.services import session_close

# 5 working days after Monday 02.03.2026 in Moscow: 3, 4, 5, 6 and (Monday 9 March is the day off
# moved from Sunday 8 March) Tuesday 10 March, until 23:59:59.999999 MSK.
REVIEW_DUE = dt.datetime(2026, 3, 10, 20, 59, 59, 999999, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n% evidence\n"


def nothing_stored() -> tuple[int, int, int]:
    return Complaint.objects.count(), Document.objects.count(), Signature.objects.count()


def test_a_terms_complaint_is_filed_signed_and_due_in_five_working_days(world):
    complaint = complaint_file(
        actor=world.alpha_user,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=world.session.pk,
        subject=ComplaintSubject.TERMS,
        respondent=Respondent.CUSTOMER,
        grounds=["  Срок поставки 1 день ограничивает конкуренцию ", "", "Не указаны требования к бумаге"],
        remedy="Выдать предписание об изменении извещения",
        attachments=[Attachment(name="извещение.pdf", content_type="application/pdf", content=PDF)],
        now=NOW + dt.timedelta(minutes=10),
    )
    c = Complaint.objects.get(pk=complaint.pk)
    assert (c.status, c.number, c.customer, c.complainant, c.control_body) == (
        ComplaintStatus.FILED,
        f"Ж-77-2026-{c.pk:06d}",
        world.customer,
        world.alpha,
        world.control_body,
    )
    assert c.grounds == ["Срок поставки 1 день ограничивает конкуренцию", "Не указаны требования к бумаге"]
    assert c.target_title == "Поставка канцелярских товаров"
    assert (c.review_due_at, c.next_check_at) == (REVIEW_DUE, REVIEW_DUE + dt.timedelta(microseconds=1))
    steps = list(c.documents.order_by("pk"))
    assert [(s.step, s.signature is not None) for s in steps] == [
        (StepKind.ATTACHMENT, False),
        (StepKind.COMPLAINT, True),
    ]
    assert (steps[0].document.sha256, steps[0].file_name) == (
        hashlib.sha256(PDF).hexdigest(),
        "извещение.pdf",
    )
    signature = steps[1].signature
    assert signature is not None
    assert (signature.signer, signature.organization, signature.purpose) == (
        world.alpha_user,
        world.alpha,
        "заявитель",
    )
    assert signature_verify(signature=signature).ok
    assert steps[1].document.content_type == "application/pdf"
    assert steps[1].document.title == f"Жалоба № {c.number}"
    event = AuditEvent.objects.get(event=EventType.COMPLAINT_FILED)
    assert (event.object_id, event.details["grounds"], event.details["attachments"]) == (str(c.pk), 2, 1)
    assert sorted(Notification.objects.values_list("recipient__organization__name", "kind")) == [
        ("ГБОУ Школа № 1535", "complaint.filed"),
        ("Главное контрольное управление города Москвы", "complaint.filed"),
    ]


def test_a_terms_complaint_after_the_end_of_bidding_is_refused_and_nothing_is_stored(world):
    with pytest.raises(ValidationFailed) as caught:
        file_terms(world, at=world.session.ends_at)
    assert caught.value.errors == {
        "subject": "Жалоба на положения извещения подаётся до окончания приёма предложений "
        "(02.03.2026 15:00); срок истёк"
    }
    assert nothing_stored() == (0, 0, 0)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"grounds": [" ", ""]}, {"grounds": "Изложите хотя бы один довод жалобы"}),
        ({"remedy": "   "}, {"remedy": "Укажите требование заявителя"}),
        ({"subject": "other"}, {"subject": "Укажите, что обжалуется: положения извещения или протокол"}),
        (
            {"respondent": ""},
            {"respondent": "Укажите, на чьи действия подаётся жалоба: заказчика, комиссии или оператора"},
        ),
        (
            {
                "attachments": [
                    Attachment(
                        name="big.pdf", content_type="application/pdf", content=b"x" * (10 * 1024 * 1024 + 1)
                    )
                ]
            },
            {"attachments": "Файл «big.pdf» больше 10 МБ"},
        ),
        (
            {
                "attachments": [
                    Attachment(name="run.exe", content_type="application/x-msdownload", content=b"MZ")
                ]
            },
            {"attachments": "Файл «run.exe»: допустимы PDF, Word, JPEG, PNG и текст"},
        ),
        (
            {"attachments": [Attachment(name="empty.pdf", content_type="application/pdf", content=b"")]},
            {"attachments": "Файл «empty.pdf» пустой"},
        ),
    ],
)
def test_bad_input_is_refused_with_a_field_message_and_nothing_is_stored(world, changes, errors):
    values = {
        "actor": world.alpha_user,
        "target_kind": SourceKind.QUOTATION_SESSION,
        "target_id": world.session.pk,
        "subject": ComplaintSubject.TERMS,
        "respondent": Respondent.CUSTOMER,
        "grounds": ["Довод"],
        "remedy": "Требование",
        "now": NOW,
    }
    with pytest.raises(ValidationFailed) as caught:
        complaint_file(**{**values, **changes})
    assert caught.value.errors == errors
    assert nothing_stored() == (0, 0, 0)


def test_only_a_confirmed_supplier_member_files(world):
    with pytest.raises(PermissionDenied, match="^Жалобу подаёт участник закупки"):
        file_terms(world, by=world.customer_user)
    with pytest.raises(PermissionDenied):
        file_terms(world, by=world.inspector)
    assert nothing_stored() == (0, 0, 0)


def test_a_complainant_without_a_signing_key_is_refused_and_nothing_is_stored(world):
    from zakupki.accounts.enums import UserRole

    keyless = make_user(world.outsider, UserRole.SUPPLIER, key=False)
    with pytest.raises(PermissionDenied, match="^У пользователя нет ключа электронной подписи$"):
        file_terms(world, by=keyless)
    assert nothing_stored() == (0, 0, 0)
    assert not AuditEvent.objects.filter(event=EventType.COMPLAINT_FILED).exists()


def _file_result(world, who, at):
    return complaint_file(
        actor=who,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=world.session.pk,
        subject=ComplaintSubject.RESULT,
        respondent=Respondent.COMMISSION,
        grounds=["Победитель не соответствует требованиям"],
        remedy="Отменить протокол",
        now=at,
    )


def test_a_result_complaint_needs_the_protocol_a_participant_and_the_window(world):
    bid_both(world)
    with pytest.raises(ValidationFailed) as early:
        _file_result(world, world.alpha_user, world.session.ends_at)
    assert early.value.errors == {
        "subject": "Итоги закупки ещё не подведены: обжаловать протокол пока нельзя"
    }
    session_close(session=world.session, now=world.session.ends_at)
    with pytest.raises(PermissionDenied, match="^Обжаловать результаты закупки может только её участник$"):
        _file_result(world, world.outsider_user, world.session.ends_at + dt.timedelta(hours=1))
    # protocol on Monday 02.03 → 5 days → Saturday 07.03, moved past the weekend and the 9 March day off
    last = dt.datetime(2026, 3, 10, 20, 59, 59, 999999, tzinfo=dt.UTC)
    with pytest.raises(ValidationFailed) as late:
        _file_result(world, world.alpha_user, last + dt.timedelta(microseconds=1))
    assert late.value.errors == {
        "subject": "Жалоба на протокол подаётся не позднее 5 дней с даты протокола (до 10.03.2026 23:59); срок истёк"
    }
    assert nothing_stored()[0] == 0
    complaint = _file_result(world, world.alpha_user, last)
    assert complaint.subject == ComplaintSubject.RESULT


def test_an_unknown_or_unpublished_target_is_not_found(world):
    from zakupki.core.errors import NotFound

    with pytest.raises(NotFound, match="^Закупка не найдена$"):
        complaint_file(
            actor=world.alpha_user,
            target_kind=SourceKind.NEED,
            target_id=999999,
            subject=ComplaintSubject.TERMS,
            respondent=Respondent.CUSTOMER,
            grounds=["Довод"],
            remedy="Требование",
            now=NOW,
        )
    with pytest.raises(ValidationFailed) as caught:
        complaint_file(
            actor=world.alpha_user,
            target_kind=SourceKind.DIRECT_PURCHASE,
            target_id=1,
            subject=ComplaintSubject.TERMS,
            respondent=Respondent.CUSTOMER,
            grounds=["Довод"],
            remedy="Требование",
            now=NOW,
        )
    assert caught.value.errors == {
        "target_kind": "Обжаловать можно котировочную сессию или закупку по потребности"
    }


def test_an_attachment_is_stored_byte_for_byte(world):
    content = b"plain text evidence"
    complaint = complaint_file(
        actor=world.alpha_user,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=world.session.pk,
        subject=ComplaintSubject.TERMS,
        respondent=Respondent.OPERATOR,
        grounds=["Довод"],
        remedy="Требование",
        attachments=[Attachment(name="a.txt", content_type="text/plain", content=content)],
        now=NOW,
    )
    attachment = complaint.documents.get(step=StepKind.ATTACHMENT)
    with attachment.document.file.open("rb") as handle:
        assert handle.read() == b"plain text evidence"


def test_a_region_without_a_control_body_cannot_receive_complaints(world):
    from zakupki.accounts.enums import OrganizationStatus
    from zakupki.core.errors import Conflict

    type(world.control_body).objects.filter(pk=world.control_body.pk).update(
        status=OrganizationStatus.REJECTED
    )
    with pytest.raises(
        Conflict, match="^В регионе заказчика нет контрольного органа, который рассматривает жалобы$"
    ):
        file_terms(world)
    assert nothing_stored() == (0, 0, 0)
