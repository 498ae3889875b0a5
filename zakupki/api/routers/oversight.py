"""Complaints to the region's control body (file, accept or return, decide with an order, withdraw,
report an order's execution), public decisions, the control body's dashboard, supplier bans and РНП
referrals. A complaint in progress exists only for its parties and the control body (others: 404);
decisions, bans and referrals are public."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from zakupki.accounts.models import Organization, Region, User
from zakupki.api.auth import AUTH, current_user, optional_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.oversight import (
    AcceptIn,
    BanOut,
    ComplaintIn,
    ComplaintOut,
    DashboardOut,
    DecideIn,
    OrderOut,
    PartyOut,
    ReportIn,
    ReturnIn,
    RnpOut,
    StepOut,
)
from zakupki.contracts.selectors_rnp import rnp_referrals_public
from zakupki.core.errors import NotFound, PermissionDenied, ValidationFailed
from zakupki.oversight.models import Complaint, ComplaintOrder
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

router = Router(tags=["Жалобы и контроль"])


def _party(org: Organization) -> PartyOut:
    return PartyOut(id=org.pk, name=org.name, inn=org.inn)


def complaint_out(complaint: Complaint, now: dt.datetime | None = None) -> ComplaintOut:
    now = now or timezone.now()
    order = ComplaintOrder.objects.filter(complaint=complaint).first()
    steps = complaint.documents.select_related("document", "signature__signer").order_by("pk")
    return ComplaintOut(
        id=complaint.pk,
        number=complaint.number or "",
        status=complaint.status,
        status_label=complaint.get_status_display(),
        target_kind=complaint.target_kind,
        target_id=complaint.target_id,
        target_title=complaint.target_title,
        subject=complaint.subject,
        respondent=complaint.respondent,
        region=complaint.region.code,
        customer=_party(complaint.customer),
        complainant=_party(complaint.complainant),
        control_body=_party(complaint.control_body),
        grounds=list(complaint.grounds),
        remedy=complaint.remedy,
        filed_at=complaint.filed_at,
        review_due_at=complaint.review_due_at,
        review_overdue=complaint_review_overdue(complaint=complaint, now=now),
        accepted_at=complaint.accepted_at,
        suspends=complaint.suspends,
        returned_at=complaint.returned_at,
        return_reason=complaint.return_reason,
        withdrawn_at=complaint.withdrawn_at,
        decided_at=complaint.decided_at,
        decision=complaint.decision,
        decision_label=complaint.get_decision_display() if complaint.decision else "",
        decision_text=complaint.decision_text,
        order=OrderOut(
            text=order.text,
            due_at=order.due_at,
            status=order.status,
            status_label=order.get_status_display(),
            overdue=order_overdue(order=order, now=now),
            executed_at=order.executed_at,
            report_text=order.report_text,
        )
        if order
        else None,
        documents=[
            StepOut(
                step=s.step,
                step_label=s.get_step_display(),
                title=s.document.title,
                sha256=s.document.sha256,
                signed_by=s.signature.signer.full_name or s.signature.signer.username
                if s.signature
                else None,
                signed_as=s.signature.purpose if s.signature else None,
                signed_at=s.signature.signed_at if s.signature else None,
            )
            for s in steps
        ],
    )


def _attachments(payload: ComplaintIn) -> list[Attachment]:
    files = []
    for item in payload.attachments:
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationFailed(
                {"attachments": f"Содержимое файла «{item.name}» должно быть в base64"}
            ) from exc
        files.append(Attachment(name=item.name, content_type=item.content_type, content=content))
    return files


def _visible(request: HttpRequest, complaint_id: int) -> tuple[Complaint, User]:
    user = current_user(request)
    return complaint_get_visible(complaint_id=complaint_id, viewer=user), user


@router.get("/complaints", auth=AUTH, response={200: list[ComplaintOut], ERROR_CODES: ErrorOut})
def complaint_list(request: HttpRequest) -> list[ComplaintOut]:
    """Жалобы, с которыми работает организация пользователя: свои (заявитель или заказчик), а для
    контрольного органа — все жалобы региона."""
    now = timezone.now()
    return [complaint_out(c, now) for c in complaints_of_viewer(viewer=current_user(request))]


@router.post("/complaints", auth=AUTH, response={201: ComplaintOut, ERROR_CODES: ErrorOut})
def complaint_file_view(request: HttpRequest, payload: ComplaintIn) -> Status[ComplaintOut]:
    """Подать жалобу в контрольный орган (поставщик). Жалоба подписывается ключом заявителя."""
    complaint = complaint_file(
        actor=current_user(request),
        target_kind=payload.target_kind,
        target_id=payload.target_id,
        subject=payload.subject,
        respondent=payload.respondent,
        grounds=payload.grounds,
        remedy=payload.remedy,
        attachments=_attachments(payload),
    )
    return Status(201, complaint_out(complaint))


@router.get("/complaints/{complaint_id}", response={200: ComplaintOut, ERROR_CODES: ErrorOut})
def complaint_detail(request: HttpRequest, complaint_id: int) -> ComplaintOut:
    """Жалоба: решение — всем; жалоба в работе — только сторонам и контрольному органу."""
    return complaint_out(complaint_get_visible(complaint_id=complaint_id, viewer=optional_user(request)))


@router.post(
    "/complaints/{complaint_id}/accept", auth=AUTH, response={200: ComplaintOut, ERROR_CODES: ErrorOut}
)
def complaint_accept_view(request: HttpRequest, complaint_id: int, payload: AcceptIn) -> ComplaintOut:
    """Принять жалобу к рассмотрению (контрольный орган региона), при необходимости приостановив закупку."""
    complaint, user = _visible(request, complaint_id)
    return complaint_out(complaint_accept(complaint=complaint, actor=user, suspend=payload.suspend))


@router.post(
    "/complaints/{complaint_id}/return", auth=AUTH, response={200: ComplaintOut, ERROR_CODES: ErrorOut}
)
def complaint_return_view(request: HttpRequest, complaint_id: int, payload: ReturnIn) -> ComplaintOut:
    """Вернуть жалобу заявителю с указанием причины (контрольный орган региона)."""
    complaint, user = _visible(request, complaint_id)
    return complaint_out(complaint_return(complaint=complaint, actor=user, reason=payload.reason))


@router.post(
    "/complaints/{complaint_id}/decide", auth=AUTH, response={200: ComplaintOut, ERROR_CODES: ErrorOut}
)
def complaint_decide_view(request: HttpRequest, complaint_id: int, payload: DecideIn) -> ComplaintOut:
    """Решение по жалобе и, по обоснованной жалобе, предписание заказчику (контрольный орган региона)."""
    complaint, user = _visible(request, complaint_id)
    decided = complaint_decide(
        complaint=complaint,
        actor=user,
        decision=payload.decision,
        decision_text=payload.decision_text,
        order_text=payload.order_text,
        order_due=payload.order_due,
    )
    return complaint_out(decided)


@router.post(
    "/complaints/{complaint_id}/withdraw", auth=AUTH, response={200: ComplaintOut, ERROR_CODES: ErrorOut}
)
def complaint_withdraw_view(request: HttpRequest, complaint_id: int) -> ComplaintOut:
    """Отозвать жалобу до принятия решения (заявитель)."""
    complaint, user = _visible(request, complaint_id)
    return complaint_out(complaint_withdraw(complaint=complaint, actor=user))


@router.post(
    "/complaints/{complaint_id}/order/report", auth=AUTH, response={200: ComplaintOut, ERROR_CODES: ErrorOut}
)
def order_report_view(request: HttpRequest, complaint_id: int, payload: ReportIn) -> ComplaintOut:
    """Отчитаться об исполнении предписания (заказчик)."""
    complaint, user = _visible(request, complaint_id)
    order = ComplaintOrder.objects.filter(complaint=complaint).first()
    if order is None:
        raise NotFound("По жалобе не выдано предписание")
    order_report_execution(order=order, actor=user, report=payload.report)
    return complaint_out(complaint)


class DecisionFilters(Schema):
    region: str = ""
    decision: str = ""
    customer_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@router.get("/decisions", response={200: list[ComplaintOut], ERROR_CODES: ErrorOut})
def decision_list(request: HttpRequest, filters: Query[DecisionFilters]) -> list[ComplaintOut]:
    """Решения по жалобам (публичные, с указанием заявителя); даты — по часовому поясу региона."""
    region = None
    if filters.region:
        region = Region.objects.filter(code=filters.region).first()
        if region is None:
            raise ValidationFailed({"region": "Регион не найден"})
    now = timezone.now()
    rows = decisions_public(
        region=region,
        decision=filters.decision,
        customer_id=filters.customer_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    return [complaint_out(c, now) for c in rows[:200]]


@router.get("/oversight/dashboard", auth=AUTH, response={200: DashboardOut, ERROR_CODES: ErrorOut})
def dashboard_view(request: HttpRequest) -> DashboardOut:
    """Контрольный орган: жалобы к рассмотрению (в срок и просроченные) и неисполненные предписания."""
    user = current_user(request)
    org = user.organization
    if org is None or not is_control_body_of(user, org.region_id):
        raise PermissionDenied("Сводка доступна контрольному органу региона")
    now = timezone.now()
    board = control_body_dashboard(region=org.region, now=now)
    return DashboardOut(
        due=[complaint_out(c, now) for c in board.due],
        overdue=[complaint_out(c, now) for c in board.overdue],
        open_orders=[complaint_out(o.complaint, now) for o in board.open_orders],
        overdue_orders=[complaint_out(o.complaint, now) for o in board.overdue_orders],
    )


@router.get("/bans", response={200: list[BanOut], ERROR_CODES: ErrorOut})
def ban_list(request: HttpRequest) -> list[BanOut]:
    """Блокировки поставщиков на площадке: кто, за что, с какого по какое время, по какому решению."""
    now = timezone.now()
    return [
        BanOut(
            id=ban.pk,
            supplier=_party(ban.supplier),
            region=ban.region.code if ban.region else None,
            reason=ban.reason,
            starts_at=ban.starts_at,
            ends_at=ban.ends_at,
            source=ban.source,
            in_force=ban.starts_at <= now < ban.ends_at,
        )
        for ban in bans_public_list()[:500]
    ]


@router.get("/rnp", response={200: list[RnpOut], ERROR_CODES: ErrorOut})
def rnp_list(request: HttpRequest, region: str = "", inn: str = "") -> list[RnpOut]:
    """Сведения о поставщиках, направленные для включения в реестр недобросовестных поставщиков."""
    return [
        RnpOut(
            id=e.id,
            supplier=PartyOut(id=e.supplier_id, name=e.supplier_name, inn=e.supplier_inn),
            reason=e.reason,
            referred_at=e.referred_at,
            until=e.until,
            contract_number=e.contract_number,
            registry_number=e.registry_number,
            customer_name=e.customer_name,
            decision_at=e.decision_at,
            terminated_at=e.terminated_at,
            region=e.region_code,
        )
        for e in rnp_referrals_public(region_code=region, inn=inn)[:500]
    ]
