import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from zakupki.core.errors import ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.notifications.enums import EmailState
from zakupki.notifications.models import Notification
from zakupki.notifications.services import notification_send
from zakupki.notifications.tests.factories import customer, person

pytestmark = pytest.mark.django_db

SENT = EventType.NOTIFICATION_SENT.value


def send(**overrides):
    fields = {
        "kind": "contract.stage_due_soon",
        "subject": "Срок поставки по контракту истекает 26.11.2026",
        "body": "Срок исполнения этапа 1 истекает 26.11.2026.",
        "link": "/contracts/7/",
    }
    return notification_send(**{**fields, **overrides})


def test_every_active_member_of_the_organization_is_notified_and_mailed_after_commit(
    django_capture_on_commit_callbacks, settings
):
    # given
    settings.PUBLIC_BASE_URL = "https://zakupki.example.ru"
    school = customer()
    person(school, "ivanova", email="ivanova@school.example")
    person(school, "petrov")  # no e-mail: in-app only
    person(school, "left", email="left@school.example", is_active=False)
    person(customer(), "stranger", email="stranger@other.example")
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = send(organization=school)
        assert mail.outbox == []  # nothing leaves before the commit
    # then
    assert created == 2
    assert len(callbacks) == 1
    rows = list(Notification.objects.order_by("recipient__username"))
    assert [(n.recipient.username, n.email_state, n.email_attempts, n.next_check_at) for n in rows] == [
        ("ivanova", EmailState.SENT, 1, None),
        ("petrov", EmailState.NONE, 0, None),
    ]
    assert [(m.to, m.subject, m.body, m.from_email) for m in mail.outbox] == [
        (
            ["ivanova@school.example"],
            "Срок поставки по контракту истекает 26.11.2026",
            "Срок исполнения этапа 1 истекает 26.11.2026.\n\nПодробнее: https://zakupki.example.ru/contracts/7/",
            "noreply@zakupki.local",
        )
    ]
    assert rows[0].email_sent_at is not None
    assert all(n.read_at is None for n in rows)
    event = AuditEvent.objects.get(event=SENT)
    assert (event.object_type, event.object_id, event.actor_id) == (
        "notifications.notification",
        str(rows[0].pk),
        None,
    )
    assert event.details == {
        "kind": "contract.stage_due_soon",
        "subject": "Срок поставки по контракту истекает 26.11.2026",
        "dedupe_key": "",
        "recipients": ["ivanova", "petrov"],
    }
    assert journal_verify().ok


def test_a_dedupe_key_makes_a_second_send_a_no_op(django_capture_on_commit_callbacks):
    school = customer()
    person(school, "ivanova", email="ivanova@school.example")
    with django_capture_on_commit_callbacks(execute=True):
        first = send(organization=school, dedupe_key="contract:7:stage:1:soon")
    newcomer = person(school, "newcomer", email="newcomer@school.example")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = send(organization=school, dedupe_key="contract:7:stage:1:soon")
        third = send(user=newcomer, dedupe_key="contract:7:stage:1:soon")

    assert (first, second, third) == (1, 1, 0)  # only the newcomer was still owed the message
    assert len(callbacks) == 1
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "ivanova",
        "newcomer",
    ]
    assert [m.to for m in mail.outbox] == [["ivanova@school.example"], ["newcomer@school.example"]]
    assert AuditEvent.objects.filter(event=SENT).count() == 2


def test_without_a_dedupe_key_each_send_is_a_new_notification(django_capture_on_commit_callbacks):
    ivanova = person(customer(), "ivanova")
    with django_capture_on_commit_callbacks(execute=True):
        counts = [send(user=ivanova), send(user=ivanova)]
    assert counts == [1, 1]
    assert Notification.objects.filter(recipient=ivanova).count() == 2


def test_an_inactive_user_gets_nothing():
    gone = person(customer(), "gone", email="gone@school.example", is_active=False)
    assert send(user=gone) == 0
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(event=SENT).exists()


def test_bad_input_is_refused_in_russian_and_nothing_is_stored(django_capture_on_commit_callbacks):
    ivanova = person(customer(), "ivanova", email="ivanova@school.example")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed) as exc:
        send(user=ivanova, kind="k" * 81, subject="  ", body="", link="/" + "x" * 500, dedupe_key="d" * 201)
    assert exc.value.errors == {
        "kind": "Вид уведомления длиннее 80 символов",
        "subject": "Укажите тему уведомления",
        "body": "Укажите текст уведомления",
        "link": "Ссылка длиннее 500 символов",
        "dedupe_key": "Ключ уведомления длиннее 200 символов",
    }
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_exactly_one_recipient_kind_is_required():
    school = customer()
    with pytest.raises(ValueError, match="exactly one"):
        send(organization=school, user=person(school, "ivanova"))
    with pytest.raises(ValueError, match="exactly one"):
        send()


def test_until_the_after_commit_send_runs_the_worker_safety_net_is_armed(django_capture_on_commit_callbacks):
    ivanova = person(customer(), "ivanova", email="ivanova@school.example")
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(user=ivanova)
    # the callback was registered, not run (as if the process died): the worker will send it
    assert len(callbacks) == 1
    row = Notification.objects.get()
    assert row.email_state == EmailState.PENDING
    assert row.next_check_at is not None
    assert before + dt.timedelta(minutes=5) <= row.next_check_at <= timezone.now() + dt.timedelta(minutes=5)
    assert mail.outbox == []
