import io

from django.core.management import call_command

from zakupki.accounts.models import Organization
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.worker.runner import run_pass


def test_worker_marks_the_demo_overdue_customer_once(db):
    call_command("demo_data", "--scale", "small", stdout=io.StringIO())

    first, second = run_pass(), run_pass()

    # the overdue customer, the demo signal left unanswered past its target term, and the stored figures
    # of the customer whose demo contracts were written (ADR 0010)
    assert {e.name: e.handled for e in first.events if e.handled} == {
        "accounts.organization_confirmation_overdue": 1,
        "analytics.customer_changed": 1,
        "public_signals.signal_due": 1,
    }
    assert second.handled == 0
    overdue_signals = AuditEvent.objects.filter(event=EventType.SIGNAL_OVERDUE)
    assert [(e.object_type, e.details["level"]) for e in overdue_signals] == [
        ("public_signals.signal", "target")
    ]
    events = AuditEvent.objects.filter(event=EventType.ORGANIZATION_CONFIRMATION_OVERDUE)
    assert [e.object_id for e in events] == [str(Organization.objects.get(members__username="c77-008").pk)]
    assert journal_verify().ok
