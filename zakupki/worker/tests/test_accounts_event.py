import datetime as dt

from django.core.management import call_command

from zakupki.accounts.enums import OrganizationStatus
from zakupki.accounts.models import Organization
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.worker.registry import discover_time_events
from zakupki.worker.runner import run_pass
from zakupki.worker.tests.conftest import NOW, make_customer

DAY = dt.timedelta(days=1)
OVERDUE = EventType.ORGANIZATION_CONFIRMATION_OVERDUE.value


def test_overdue_customer_is_recorded_exactly_once(region):
    # given
    overdue = make_customer(region, due_at=NOW - DAY)
    waiting = make_customer(region, due_at=NOW + DAY)
    confirmed = make_customer(region, due_at=NOW - DAY, status=OrganizationStatus.CONFIRMED)
    # when: two passes, as the worker loop would run them
    first = run_pass(now=NOW)
    second = run_pass(now=NOW + dt.timedelta(seconds=5))
    # then
    assert (first.handled, second.handled) == (2, 0)
    events = list(AuditEvent.objects.filter(event=OVERDUE))
    assert [(e.object_type, e.object_id, e.actor_id) for e in events] == [
        ("accounts.organization", str(overdue.pk), None)
    ]
    assert events[0].details == {"due_at": (NOW - DAY).isoformat(), "region": "77"}
    assert Organization.objects.get(pk=overdue.pk).next_check_at is None
    assert Organization.objects.get(pk=confirmed.pk).next_check_at is None
    assert Organization.objects.get(pk=waiting.pk).next_check_at == NOW + DAY
    assert journal_verify().ok


def test_waiting_customer_becomes_overdue_when_its_time_comes(region):
    org = make_customer(region, due_at=NOW + DAY)
    run_pass(now=NOW)
    assert not AuditEvent.objects.filter(event=OVERDUE).exists()

    run_pass(now=NOW + DAY)

    assert AuditEvent.objects.filter(event=OVERDUE, object_id=str(org.pk)).count() == 1


def test_every_domain_time_event_is_discovered_in_app_order():
    from zakupki.analytics.models import CustomerChange
    from zakupki.contracts.models import Contract
    from zakupki.notifications.models import ContractWatch, DeadlineSweep, Notification
    from zakupki.oversight.models import Complaint, ComplaintOrder
    from zakupki.procedures.models import ContractOffer, QuotationSession
    from zakupki.public_signals.models import Signal
    from zakupki.purchases.models import Need

    events = discover_time_events()
    assert [(e.name, e.model, e.batch_size) for e in events] == [
        ("accounts.organization_confirmation_overdue", Organization, 50),
        ("procedures.session_close", QuotationSession, 10),
        ("procedures.contract_offer_expire", ContractOffer, 50),
        ("purchases.need_proposals_close", Need, 50),
        ("contracts.contract_due", Contract, 50),
        ("oversight.complaint_review_overdue", Complaint, 50),
        ("oversight.complaint_order_overdue", ComplaintOrder, 50),
        ("notifications.deadline_sweep", DeadlineSweep, 50),
        ("notifications.contract_watch", ContractWatch, 50),
        ("notifications.email_retry", Notification, 50),
        ("public_signals.signal_due", Signal, 50),
        ("analytics.customer_changed", CustomerChange, 1),
    ]


def test_command_once_prints_summary(region, capsys):
    make_customer(region, due_at=NOW - DAY)
    make_customer(region, due_at=NOW - DAY)

    call_command("run_worker", "--once")
    call_command("run_worker", "--once")

    # 2 customers + the contract reminders' sweep (its one row comes with the notifications migration)
    assert capsys.readouterr().out.splitlines() == ["обработано событий: 3", "обработано событий: 0"]
    assert AuditEvent.objects.filter(event=OVERDUE).count() == 2
