"""The control body decides while the complainant withdraws the same complaint: exactly one wins, and
the suspended session is summed up exactly once."""

import datetime as dt
import threading

import pytest
from django.db import connection

from zakupki.core.errors import Conflict
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.oversight.enums import ComplaintStatus, Decision
from zakupki.oversight.models import Complaint
from zakupki.oversight.services.complaints import complaint_withdraw
from zakupki.oversight.services.review import complaint_accept, complaint_decide
from zakupki.oversight.tests.conftest import bid_both, file_terms
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_decision_and_a_withdrawal_at_once_cannot_both_succeed(world):
    bid_both(world)
    complaint = file_terms(world)
    ends = world.session.ends_at
    complaint_accept(
        complaint=complaint, actor=world.inspector, suspend=True, now=ends - dt.timedelta(hours=1)
    )
    at = ends + dt.timedelta(hours=1)
    start = threading.Barrier(2)
    won: list[str] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def act(index: int) -> None:
        try:
            start.wait()
            if index == 0:
                complaint_decide(
                    complaint=complaint,
                    actor=world.inspector,
                    decision=Decision.UNFOUNDED,
                    decision_text="Доводы не подтвердились",
                    now=at,
                )
            else:
                complaint_withdraw(complaint=complaint, actor=world.alpha_user, now=at)
            with lock:
                won.append("decide" if index == 0 else "withdraw")
        except Conflict as exc:
            with lock:
                refused.append(exc.message)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(won) == 1
    assert len(refused) == 1
    status = Complaint.objects.get(pk=complaint.pk).status
    assert status == (ComplaintStatus.DECIDED if won == ["decide"] else ComplaintStatus.WITHDRAWN)
    assert (
        AuditEvent.objects.filter(
            event__in=[EventType.COMPLAINT_DECIDED, EventType.COMPLAINT_WITHDRAWN]
        ).count()
        == 1
    )
    session = QuotationSession.objects.get(pk=world.session.pk)
    assert (session.status, session.closed_at) == (SessionStatus.CONTRACT_OFFERED, at)
    assert AuditEvent.objects.filter(event=EventType.SESSION_FINISHED).count() == 1
    assert journal_verify().ok
