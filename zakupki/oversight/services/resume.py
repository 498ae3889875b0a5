"""The end of a suspension: when no accepted complaint holds the procedure any more, a session whose
bidding ended meanwhile is summed up now (its closing was postponed, see procedures.services.closing).
A need waits for the customer to award it, which the suspension only refused meanwhile."""

from __future__ import annotations

import datetime as dt

from zakupki.contracts.enums import SourceKind
from zakupki.oversight.models import Complaint
from zakupki.oversight.selectors import procedure_suspended


def procedure_resume(*, complaint: Complaint, now: dt.datetime) -> None:
    """Runs inside the step's transaction, after the complaint left ACCEPTED."""
    if not complaint.suspends or complaint.target_kind != SourceKind.QUOTATION_SESSION:
        return
    if procedure_suspended(kind=complaint.target_kind, target_id=complaint.target_id):
        return  # another accepted complaint still holds it
    # imported here: procedures imports oversight (bans, the suspension check), not the other way round
    from zakupki.procedures.enums import SessionStatus
    from zakupki.procedures.models import QuotationSession
    from zakupki.procedures.services.closing import session_close
    from zakupki.procedures.services.offers import contract_offer_resume

    session = QuotationSession.objects.filter(pk=complaint.target_id).first()
    if session is not None and session.status == SessionStatus.CONTRACT_OFFERED:
        suspended_since = complaint.accepted_at or now
        contract_offer_resume(session_id=session.pk, suspended_for=now - suspended_since, now=now)
        return
    if session is None or session.status != SessionStatus.PUBLISHED:
        return
    if session.ends_at is not None and session.ends_at <= now:
        session_close(session=session, now=now)
