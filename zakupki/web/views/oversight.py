"""Complaint pages: the parties' and the control body's list (with the control body's dashboard), filing,
the complaint card with each side's actions and its signed documents; public pages of decisions,
supplier bans and РНП referrals. A complaint in progress is seen only by its parties and the region's
control body (others: 404). Refusals are shown on the page with status 400."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Region, User
from zakupki.accounts.roles import role_of
from zakupki.contracts.enums import SourceKind
from zakupki.contracts.selectors_rnp import rnp_referrals_public
from zakupki.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from zakupki.documents.models import SigningKey
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.oversight.enums import OPEN_STATUSES, ComplaintStatus, ComplaintSubject, Decision, Respondent
from zakupki.oversight.models import TARGET_KINDS, Complaint, ComplaintOrder
from zakupki.oversight.selectors import (
    bans_public_list,
    complaint_get_visible,
    complaint_review_overdue,
    complaints_of_viewer,
    control_body_dashboard,
    decisions_public,
    is_control_body_of,
    order_overdue,
)
from zakupki.oversight.services.complaints import Attachment, complaint_file, complaint_withdraw
from zakupki.oversight.services.orders import order_report_execution
from zakupki.oversight.services.review import complaint_accept, complaint_decide, complaint_return
from zakupki.web.errors import acting_user, domain_errors, page_action

MSG_NO_ORDER = "По жалобе не выдано предписание"


def _uploads(request: HttpRequest) -> list[Attachment]:
    files: list[UploadedFile[Any]] = request.FILES.getlist("attachments")
    return [
        Attachment(
            name=(f.name or "Приложение")[:200],
            content_type=f.content_type or "application/octet-stream",
            content=f.read(),
        )
        for f in files
    ]


def _date(raw: str, field: str) -> dt.date | None:
    if not raw.strip():
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationFailed({field: "Дата указывается в формате ГГГГ-ММ-ДД"}) from None


# ----------------------------------------------------------------------------------- parties' list


@require_safe
@login_required
@domain_errors
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    now = timezone.now()
    org = user.organization
    board = None
    if org is not None and is_control_body_of(user, org.region_id):
        board = control_body_dashboard(region=org.region, now=now)
    rows = [
        {"c": c, "overdue": complaint_review_overdue(complaint=c, now=now)}
        for c in complaints_of_viewer(viewer=user)[:300]
    ]
    context = {"rows": rows, "board": board, "now": now, "can_file": role_of(user) == UserRole.SUPPLIER}
    return render(request, "web/oversight/list.html", context)


# ------------------------------------------------------------------------------------------ filing


def _filing_context(request: HttpRequest, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "target_kinds": [(k.value, k.label) for k in TARGET_KINDS],
        "subjects": ComplaintSubject.choices,
        "respondents": Respondent.choices,
    }


@require_http_methods(["GET", "POST"])
@login_required
@domain_errors
def complaint_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    source = request.POST if request.method == "POST" else request.GET
    values = {
        "target_kind": source.get("target_kind", SourceKind.QUOTATION_SESSION.value),
        "target_id": source.get("target_id", ""),
        "subject": source.get("subject", ComplaintSubject.TERMS.value),
        "respondent": source.get("respondent", Respondent.CUSTOMER.value),
        "grounds": source.get("grounds", ""),
        "remedy": source.get("remedy", ""),
    }
    if request.method == "GET":
        return render(request, "web/oversight/new.html", _filing_context(request, values, {}))
    raw_id = str(values["target_id"]).strip()
    try:
        if not raw_id.isdigit():
            raise ValidationFailed({"target_id": "Укажите номер закупки"})
        complaint = complaint_file(
            actor=user,
            target_kind=str(values["target_kind"]),
            target_id=int(raw_id),
            subject=str(values["subject"]),
            respondent=str(values["respondent"]),
            grounds=str(values["grounds"]).splitlines(),
            remedy=str(values["remedy"]),
            attachments=_uploads(request),
        )
    except ValidationFailed as exc:
        return render(
            request, "web/oversight/new.html", _filing_context(request, values, exc.errors), status=400
        )
    except DomainError as exc:
        if isinstance(exc, NotFound):
            errors = {"target_id": exc.message}
        else:
            errors = {exc.field or "form": exc.message}
        return render(request, "web/oversight/new.html", _filing_context(request, values, errors), status=400)
    messages.success(request, f"Жалоба № {complaint.number} подана и подписана")
    return redirect("web:complaint", complaint.pk)


# ------------------------------------------------------------------------------------------ card


def _render_card(
    request: HttpRequest, complaint: Complaint, viewer: Any, *, error: str = "", status: int = 200
) -> HttpResponse:
    now = timezone.now()
    order = ComplaintOrder.objects.filter(complaint=complaint).first()
    is_user = isinstance(viewer, User) and viewer.is_authenticated
    org_id = viewer.organization_id if is_user else None
    is_body = is_user and is_control_body_of(viewer, complaint.region_id)
    context = {
        "c": complaint,
        "tz": complaint.region.timezone,
        "order": order,
        "order_overdue": order is not None and order_overdue(order=order, now=now),
        "overdue": complaint_review_overdue(complaint=complaint, now=now),
        "documents": complaint.documents.select_related("document", "signature__signer").order_by("pk"),
        "error": error,
        "is_body": is_body,
        "can_accept": is_body and complaint.status == ComplaintStatus.FILED,
        "can_decide": is_body and complaint.status == ComplaintStatus.ACCEPTED,
        "can_withdraw": org_id == complaint.complainant_id and complaint.status in OPEN_STATUSES,
        "can_report": order is not None and org_id == complaint.customer_id and order.status == "issued",
        "decisions": Decision.choices,
        "signing_key": SigningKey.objects.filter(user=viewer, revoked_at__isnull=True).first()
        if is_user
        else None,
        "is_party": is_user and (org_id in (complaint.complainant_id, complaint.customer_id) or is_body),
    }
    return render(request, "web/oversight/detail.html", context, status=status)


@require_safe
@domain_errors
def complaint_page(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = complaint_get_visible(complaint_id=complaint_id, viewer=request.user)
    return _render_card(request, complaint, request.user)


@require_safe
def complaint_document(request: HttpRequest, complaint_id: int, document_id: int) -> FileResponse:
    try:
        complaint = complaint_get_visible(complaint_id=complaint_id, viewer=request.user)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    step = complaint.documents.select_related("document").filter(pk=document_id).first()
    if step is None:
        raise Http404("Документ не найден")
    document = step.document
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=step.file_name or f"{document.sha256[:12]}.pdf",
    )


def _perform(request: HttpRequest, complaint: Complaint, user: User, action: str) -> str:
    post = request.POST
    if action == "accept":
        complaint_accept(complaint=complaint, actor=user, suspend=post.get("suspend") == "on")
        return "Жалоба принята к рассмотрению"
    if action == "return":
        complaint_return(complaint=complaint, actor=user, reason=str(post.get("reason", "")))
        return "Жалоба возвращена заявителю"
    if action == "decide":
        complaint_decide(
            complaint=complaint,
            actor=user,
            decision=str(post.get("decision", "")),
            decision_text=str(post.get("decision_text", "")),
            order_text=str(post.get("order_text", "")),
            order_due=_date(str(post.get("order_due", "")), "order_due"),
        )
        return "Решение по жалобе принято и опубликовано"
    if action == "withdraw":
        complaint_withdraw(complaint=complaint, actor=user)
        return "Жалоба отозвана"
    if action == "report":
        order = ComplaintOrder.objects.filter(complaint=complaint).first()
        if order is None:
            raise NotFound(MSG_NO_ORDER)
        order_report_execution(order=order, actor=user, report=str(post.get("report", "")))
        return "Отчёт об исполнении предписания направлен"
    if action == "signing_key":
        key = signing_key_issue(user=user, actor=user)
        return f"Ключ электронной подписи № {key.serial} выпущен"
    raise NotFound("Неизвестное действие")


@require_POST
@login_required
@domain_errors
def complaint_action(request: HttpRequest, complaint_id: int, action: str) -> HttpResponse:
    user = acting_user(request)
    complaint = complaint_get_visible(complaint_id=complaint_id, viewer=user)
    return page_action(
        request,
        lambda: _perform(request, complaint, user, action),
        refused=lambda error: _render_card(request, complaint, user, error=error, status=400),
        then=reverse("web:complaint", args=[complaint.pk]),
        passes=(NotFound, PermissionDenied),
    )


# ------------------------------------------------------------------------------------ public pages


@require_safe
@domain_errors
def decision_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    region_code = params.get("region", "").strip()
    region = Region.objects.filter(code=region_code).first() if region_code else None
    decision = params.get("decision", "")
    error = ""
    try:
        date_from = _date(params.get("date_from", ""), "date_from")
        date_to = _date(params.get("date_to", ""), "date_to")
    except ValidationFailed as exc:
        date_from = date_to = None
        error = " ".join(exc.errors.values())
    rows = decisions_public(
        region=region,
        decision=decision if decision in Decision.values else "",
        date_from=date_from,
        date_to=date_to,
    ).select_related("order")[:200]
    context = {
        "rows": rows,
        "regions": Region.objects.order_by("code"),
        "decisions": Decision.choices,
        "filters": {"region": region_code, "decision": decision, "date_from": date_from, "date_to": date_to},
        "error": error,
    }
    return render(request, "web/oversight/decisions.html", context, status=400 if error else 200)


@require_safe
def ban_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [{"ban": b, "in_force": b.starts_at <= now < b.ends_at} for b in bans_public_list()[:500]]
    return render(request, "web/oversight/bans.html", {"rows": rows})


@require_safe
def rnp_list(request: HttpRequest) -> HttpResponse:
    inn = request.GET.get("inn", "").strip()
    return render(
        request, "web/oversight/rnp.html", {"rows": rnp_referrals_public(inn=inn)[:500], "inn": inn}
    )
