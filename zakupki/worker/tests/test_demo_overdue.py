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

    # the overdue customer, and the demo signal left unanswered past its target term
    assert (first.handled, second.handled) == (2, 0)
    overdue_signals = AuditEvent.objects.filter(event=EventType.SIGNAL_OVERDUE)
    assert [(e.object_type, e.details["level"]) for e in overdue_signals] == [
        ("public_signals.signal", "target")
    ]
    events = AuditEvent.objects.filter(event=EventType.ORGANIZATION_CONFIRMATION_OVERDUE)
    assert [e.object_id for e in events] == [str(Organization.objects.get(members__username="c77-008").pk)]
    assert journal_verify().ok
