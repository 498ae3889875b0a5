"""The audit journal: integrity check for the platform admin."""

from django.http import HttpRequest
from ninja import Router

from zakupki.accounts.roles import is_platform_admin
from zakupki.api.auth import AUTH, current_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.journal import JournalReportOut
from zakupki.core.errors import PermissionDenied
from zakupki.documents.services.verification import journal_verify

router = Router(tags=["Журнал"])


@router.get("/journal/verify", auth=AUTH, response={200: JournalReportOut, ERROR_CODES: ErrorOut})
def verify(request: HttpRequest) -> JournalReportOut:
    """Пересчитать цепочку хешей журнала и назвать первое повреждённое событие."""
    if not is_platform_admin(current_user(request)):
        raise PermissionDenied("Проверять журнал может только администратор платформы")
    report = journal_verify()
    return JournalReportOut(
        ok=report.ok, checked=report.checked, broken_seq=report.broken_seq, reason=report.reason
    )
