from zakupki.accounts.tests.test_demo_data import run_demo
from zakupki.contracts.enums import SourceKind
from zakupki.documents.services.verification import journal_verify
from zakupki.oversight.enums import ComplaintStatus, Decision, OrderStatus
from zakupki.oversight.models import Complaint, ComplaintOrder
from zakupki.oversight.selectors import procedure_suspended


def test_demo_has_complaints_in_every_state_and_a_suspended_session(db):
    run_demo("--scale", "small")
    rows = sorted(Complaint.objects.values_list("status", "decision", "suspends"))
    assert rows == sorted(
        [
            (ComplaintStatus.FILED, "", False),
            (ComplaintStatus.ACCEPTED, "", True),
            (ComplaintStatus.RETURNED, "", False),
            (ComplaintStatus.WITHDRAWN, "", False),
            (ComplaintStatus.DECIDED, Decision.UNFOUNDED, False),
            (ComplaintStatus.DECIDED, Decision.PARTLY_JUSTIFIED, False),
        ]
    )
    suspended = Complaint.objects.get(status=ComplaintStatus.ACCEPTED)
    assert procedure_suspended(kind=SourceKind.QUOTATION_SESSION, target_id=suspended.target_id)
    assert list(ComplaintOrder.objects.values_list("status", flat=True)) == [OrderStatus.ISSUED]
    assert all(c.documents.filter(signature__isnull=False).exists() for c in Complaint.objects.all())
    assert journal_verify().ok
