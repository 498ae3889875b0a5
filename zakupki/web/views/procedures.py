"""Quotation session pages: the list, the customer's new session form, the session page with its live
block (bids, auto-bid) and, after the end, the result, the protocol and the contract offer's answer.

Anonymity: everything shown during bidding comes from `session_public_view` («Участник N»); names appear
in the result block only once the session is summed up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.catalog.selectors import item_buyable_offers, item_get
from zakupki.contracts.enums import SourceKind
from zakupki.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.oversight.selectors import procedure_suspended
from zakupki.procedures.eligibility import SMP_ONLY_REFUSAL, smp_eligible
from zakupki.procedures.enums import SessionStatus, SubjectKind
from zakupki.procedures.models import ContractOffer, QuotationSession
from zakupki.procedures.selectors import (
    SessionPublicView,
    session_current_offer,
    session_get,
    session_protocol_pdf,
    session_public_view,
    sessions_of_customer,
    sessions_open,
)
from zakupki.procedures.services import (
    SessionItemData,
    autobid_cancel,
    autobid_set,
    bid_place,
    contract_offer_accept,
    contract_offer_refuse,
    parse_price,
    session_create,
    session_publish,
)
from zakupki.procedures.services.sessions import allowed_durations
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.procedures import AutoBidForm, BidForm, RefuseForm, SessionForm, SessionItemFormSet
from zakupki.web.views.live import viewer_of

LIST_LIMIT = 100
FINISHED_LIMIT = 30


# ---------------------------------------------------------------------------------------------- reads


def visible_session(*, session_id: int, viewer: User | None) -> QuotationSession:
    """A draft is seen by its customer's staff only; to everybody else it does not exist."""
    session = session_get(pk=session_id)
    if session.status == SessionStatus.DRAFT and not is_member_of(viewer, session.customer):
        raise NotFound("Котировочная сессия не найдена")
    return session


def finished_sessions(*, limit: int = FINISHED_LIMIT) -> list[QuotationSession]:
    """Sessions whose bidding is over, newest first. Candidate for the procedures selectors."""
    rows = (
        QuotationSession.objects.exclude(status__in=[SessionStatus.DRAFT, SessionStatus.PUBLISHED])
        .select_related("customer", "region")
        .order_by("-ends_at", "-pk")
    )
    return list(rows[:limit])


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def phase_of(view: SessionPublicView) -> str:
    """draft → bidding → closing (the end has come, the worker has not summed up yet) → ended."""
    if view.status == SessionStatus.DRAFT:
        return "draft"
    if view.status == SessionStatus.PUBLISHED:
        return "bidding" if view.is_open else "closing"
    return "ended"


def countdown_text(seconds: int) -> str:
    """4321 -> «01:12:01»."""
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def live_state(view: SessionPublicView, *, viewer: User | None, now: dt.datetime) -> dict[str, Any]:
    """What the live block shows, for one viewer: JSON-ready, no names or ИНН of participants."""
    phase = phase_of(view)
    supplier = (
        viewer is not None
        and viewer.organization is not None
        and (viewer.organization.kind == OrganizationKind.SUPPLIER)
    )
    return {
        "session_id": view.id,
        "version": view.ladder[0].seq if view.ladder else 0,
        "status": view.status,
        "status_label": str(view.status_label),
        "phase": phase,
        "final": phase == "ended",
        "server_time": now.isoformat(),
        "ends_at": _iso(view.ends_at),
        "start_price": _money(view.start_price),
        "best_price": _money(view.best_price),
        "bids_count": view.bids_count,
        "participants_count": view.participants_count,
        "next_price_max": _money(view.next_price_max),
        "next_price_min": _money(view.next_price_min),
        "ladder": [
            {
                "seq": entry.seq,
                "label": entry.label,
                "price": _money(entry.price),
                "placed_at": _iso(entry.placed_at),
                "mine": entry.is_own,
            }
            for entry in view.ladder
        ],
        "me": (
            {
                "label": None if view.my_number is None else f"Участник {view.my_number}",
                "rank": view.my_rank,
                "best_price": _money(view.my_best_price),
                "is_leader": view.my_is_leader,
            }
            if supplier
            else None
        ),
    }


def live_sources(
    *, session_id: int, viewer: User | None
) -> tuple[Callable[[], dict[str, Any]], Callable[[], tuple[Any, ...]]]:
    """(build_state, fingerprint) for the event stream; raises NotFound for a session the viewer may not see."""
    visible_session(session_id=session_id, viewer=viewer)

    def build_state() -> dict[str, Any]:
        session = session_get(pk=session_id)
        now = timezone.now()
        return live_state(
            session_public_view(session=session, viewer=viewer, now=now), viewer=viewer, now=now
        )

    def fingerprint() -> tuple[Any, ...]:
        session = session_get(pk=session_id)
        return (session.status, session.last_seq, session.bids_count, session.updated_at)

    return build_state, fingerprint


# ---------------------------------------------------------------------------------------------- pages


def _is_customer_staff(user: User | None, session: QuotationSession) -> bool:
    return user is not None and is_member_of(user, session.customer)


def _is_supplier(user: User | None) -> bool:
    return (
        user is not None
        and user.organization is not None
        and user.organization.kind == OrganizationKind.SUPPLIER
    )


def _render_session(
    request: HttpRequest,
    session: QuotationSession,
    *,
    bid_form: BidForm | None = None,
    autobid_form: AutoBidForm | None = None,
    refuse_form: RefuseForm | None = None,
    page_error: str = "",
    status: int = 200,
) -> HttpResponse:
    viewer = viewer_of(request)
    now = timezone.now()
    view = session_public_view(session=session, viewer=viewer, now=now)
    state = live_state(view, viewer=viewer, now=now)
    offer: ContractOffer | None = session_current_offer(session=session) if view.revealed else None
    offer_is_mine = (
        offer is not None and viewer is not None and viewer.organization_id == offer.participant.supplier_id
    )
    ranking = [
        {
            **row,
            "label": f"Участник {row['number']}",
            "price": Decimal(row["price"]),
            "placed_at": dt.datetime.fromisoformat(row["placed_at"]),
        }
        for row in view.ranking
    ]
    zone = ZoneInfo(view.region_timezone)
    ladder = [(entry, entry.placed_at.astimezone(zone).strftime("%H:%M:%S")) for entry in view.ladder]
    # a supplier outside SMP/SONKO sees why it cannot bid instead of a form that would refuse it
    org = viewer.organization if viewer is not None else None
    smp_barred = (
        view.is_open
        and session.smp_only
        and _is_supplier(viewer)
        and org is not None
        and not smp_eligible(org)
    )
    can_bid = _is_supplier(viewer) and view.is_open and not smp_barred
    for form in (bid_form, autobid_form):
        if form is not None and form.errors and not can_bid and not page_error:
            # The form is not on the page (the viewer may not bid, or bidding is over): say why above.
            page_error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    context: dict[str, Any] = {
        "session": session,
        "view": view,
        "ladder": ladder,
        "countdown": countdown_text(view.seconds_left),
        "economy_pct": "" if view.economy_pct is None else f"{view.economy_pct:.2f}".replace(".", ","),
        "state": state,
        "phase": state["phase"],
        "tz": view.region_timezone,
        "items": list(session.items.order_by("position")),
        "is_customer_staff": _is_customer_staff(viewer, session),
        "can_bid": can_bid,
        "smp_barred": smp_barred,
        "smp_refusal": SMP_ONLY_REFUSAL,
        "bid_form": bid_form or BidForm(),
        "autobid_form": autobid_form
        or AutoBidForm(initial={"floor_price": view.my_autobid_floor} if view.my_autobid_floor else None),
        "refuse_form": refuse_form or RefuseForm(),
        "offer": offer,
        "offer_is_mine": offer_is_mine,
        "ranking": ranking,
        "page_error": page_error,
        "subject_kind": SubjectKind(session.subject_kind).label,
        "suspended": procedure_suspended(kind=SourceKind.QUOTATION_SESSION, target_id=session.pk),
    }
    return render(request, "web/procedures/detail.html", context, status=status)


@require_safe
def session_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    mine: list[QuotationSession] = []
    is_customer = (
        viewer is not None
        and viewer.organization is not None
        and (viewer.organization.kind == OrganizationKind.CUSTOMER)
    )
    if is_customer and viewer is not None and viewer.organization is not None:
        mine = list(sessions_of_customer(customer=viewer.organization).select_related("region")[:LIST_LIMIT])
    context = {
        "open_sessions": list(sessions_open()[:LIST_LIMIT]),
        "finished": finished_sessions(),
        "mine": mine,
        "is_customer": is_customer,
        "can_create": is_customer
        and viewer is not None
        and viewer.organization is not None
        and viewer.organization.can_publish_purchases,
    }
    return render(request, "web/procedures/list.html", context)


def _items_from(formset: Any) -> list[SessionItemData]:
    return [
        SessionItemData(
            name=form.cleaned_data["name"],
            unit=form.cleaned_data["unit"],
            quantity=form.cleaned_data["quantity"],
            unit_price=form.cleaned_data["unit_price"],
            catalog_ref=form.cleaned_data.get("catalog_ref", ""),
        )
        for form in formset.forms
        if form.cleaned_data and not form.is_blank()
    ]


def _rows_from_catalog(ste_id: str, region: Any) -> tuple[str, list[dict[str, Any]]]:
    """A session started from a catalogue item: its name and unit, quantity 1, and the lowest price of
    the offers buyable in the customer's region as the reference unit price (the customer may change it)."""
    item = item_get(ste_id=ste_id)
    cheapest = item_buyable_offers(item=item, region=region).first()
    row = {
        "name": item.name,
        "unit": item.unit_name,
        "quantity": "1",
        "unit_price": format(cheapest.price, "f") if cheapest is not None else "",
        "catalog_ref": item.ste_id,
    }
    return item.name[:500], [row]


@login_required
@domain_errors
def session_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    org = user.organization
    if org is None or org.kind != OrganizationKind.CUSTOMER:
        raise PermissionDenied("Создавать котировочные сессии могут только сотрудники заказчика")
    durations = allowed_durations(region=org.region, on=local_date(timezone.now(), org.region.timezone))
    initial: dict[str, Any] = {"duration_hours": durations[0]}
    rows: list[dict[str, Any]] = []
    if request.method == "GET" and request.GET.get("ste"):
        initial["title"], rows = _rows_from_catalog(request.GET["ste"], org.region)
    form = SessionForm(request.POST or None, durations=durations, initial=initial)
    formset = SessionItemFormSet(request.POST or None, prefix="items", initial=rows or None)
    items_error = ""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            items = _items_from(formset)
            try:
                session = session_create(
                    actor=user,
                    title=form.cleaned_data["title"],
                    items=items,
                    duration_hours=form.cleaned_data["duration_hours"],
                    delivery_terms=form.cleaned_data["delivery_terms"],
                    subject_kind=SubjectKind(form.cleaned_data["subject_kind"]),
                    smp_only=form.cleaned_data["smp_only"],
                )
            except ValidationFailed as exc:
                item_errors = {k: v for k, v in exc.errors.items() if k.startswith("items")}
                items_error = " ".join(item_errors.values())
                rest = {k: v for k, v in exc.errors.items() if not k.startswith("items")}
                if rest:
                    add_service_errors(form, ValidationFailed(rest))
            else:
                messages.success(
                    request, "Черновик котировочной сессии сохранён. Проверьте его и опубликуйте"
                )
                return redirect("web:session", session.pk)
    context = {"form": form, "formset": formset, "items_error": items_error, "durations": durations}
    return render(request, "web/procedures/new.html", context, status=status)


@require_safe
@domain_errors
def session_page(request: HttpRequest, session_id: int) -> HttpResponse:
    session = visible_session(session_id=session_id, viewer=viewer_of(request))
    return _render_session(request, session)


def _post_session(request: HttpRequest, session_id: int) -> tuple[User, QuotationSession]:
    user = acting_user(request)
    return user, visible_session(session_id=session_id, viewer=user)


@require_POST
@login_required
@domain_errors
def session_publish_view(request: HttpRequest, session_id: int) -> HttpResponse:
    user, session = _post_session(request, session_id)
    try:
        session_publish(session=session, actor=user)
    except ValidationFailed as exc:
        return _render_session(request, session, page_error=" ".join(exc.errors.values()), status=400)
    messages.success(request, "Котировочная сессия опубликована: приём предложений открыт")
    return redirect("web:session", session.pk)


@require_POST
@login_required
@domain_errors
def session_bid(request: HttpRequest, session_id: int) -> HttpResponse:
    user, session = _post_session(request, session_id)
    form = BidForm(request.POST)
    if form.is_valid():
        try:
            bid = bid_place(
                session=session, supplier_user=user, price=parse_price(form.cleaned_data["price"])
            )
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Ваше предложение № {bid.seq} принято")
            return redirect(reverse("web:session", args=[session.pk]) + "#live")
    return _render_session(request, session, bid_form=form, status=400)


@require_POST
@login_required
@domain_errors
def session_autobid(request: HttpRequest, session_id: int) -> HttpResponse:
    user, session = _post_session(request, session_id)
    form = AutoBidForm(request.POST)
    if form.is_valid():
        try:
            floor = parse_price(form.cleaned_data["floor_price"])
        except ValidationFailed as exc:
            message = exc.errors.get("price", exc.message).replace("Цена", "Минимальная цена", 1)
            exc = ValidationFailed({"floor_price": message})
            add_service_errors(form, exc)
        else:
            try:
                autobid_set(session=session, supplier_user=user, floor_price=floor)
            except DomainError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Автоставка включена")
                return redirect(reverse("web:session", args=[session.pk]) + "#live")
    return _render_session(request, session, autobid_form=form, status=400)


@require_POST
@login_required
@domain_errors
def session_autobid_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    user, session = _post_session(request, session_id)
    autobid_cancel(session=session, supplier_user=user)
    messages.success(request, "Автоставка отключена")
    return redirect(reverse("web:session", args=[session.pk]) + "#live")


@require_safe
@domain_errors
def session_protocol(request: HttpRequest, session_id: int) -> HttpResponse:
    session = visible_session(session_id=session_id, viewer=viewer_of(request))
    filename, content = session_protocol_pdf(session=session)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _current_offer(session: QuotationSession) -> ContractOffer:
    offer = session_current_offer(session=session)
    if offer is None:
        raise NotFound("Нет действующего предложения заключить контракт")
    return offer


@require_POST
@login_required
@domain_errors
def offer_accept(request: HttpRequest, session_id: int) -> HttpResponse:
    user, session = _post_session(request, session_id)
    try:
        contract = contract_offer_accept(offer=_current_offer(session), supplier_user=user)
    except DomainError as exc:
        if isinstance(exc, NotFound | PermissionDenied):
            raise
        return _render_session(request, session, page_error=exc.message, status=400)
    messages.success(request, f"Контракт № {contract.number} заключён")
    return redirect("web:session", session.pk)


@require_POST
@login_required
@domain_errors
def offer_refuse(request: HttpRequest, session_id: int) -> HttpResponse:
    user, session = _post_session(request, session_id)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            contract_offer_refuse(
                offer=_current_offer(session), supplier_user=user, reason=form.cleaned_data["reason"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Отказ от заключения контракта зарегистрирован")
            return redirect("web:session", session.pk)
    return _render_session(request, session, refuse_form=form, status=400)
