"""Pages of direct purchases from offers, purchases by need, and the customer's small-purchase limits.

Refusals of the services come back on the same page with status 400 and the Russian reason next to the
field (or above the form); access refusals are the 403/404 pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, User
from zakupki.accounts.roles import is_member_of
from zakupki.catalog.selectors import format_quantity, offer_get
from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.ledger import SmallPurchaseLimits
from zakupki.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from zakupki.core.money import format_rub
from zakupki.core.timeutil import local_date
from zakupki.procedures.enums import SubjectKind
from zakupki.procedures.services.sessions import allowed_durations
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import Need, NeedProposal
from zakupki.purchases.selectors import (
    customer_limits,
    direct_purchase_get,
    direct_purchases_of,
    need_effective_status,
    need_get,
    need_proposal_get,
    need_proposals_visible,
    needs_of_customer,
    needs_public_list,
)
from zakupki.purchases.services.common import acting_customer
from zakupki.purchases.services.direct import direct_purchase_create
from zakupki.purchases.services.needs import (
    Attachment,
    need_award,
    need_cancel,
    need_convert_to_session,
    need_create,
    need_propose,
    need_publish,
    proposals_closed,
    proposals_open,
)
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.purchases import AwardForm, BuyForm, ConvertForm, NeedForm, ProposalForm, ReasonForm

PAGE_LIMIT = 200
BAD_INPUT = 400


def _viewer(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _customer_org(user: User | None) -> Organization | None:
    if user is None or user.organization_id is None or user.organization is None:
        return None
    return user.organization if user.organization.kind == OrganizationKind.CUSTOMER else None


def _limits(user: User | None) -> list[SmallPurchaseLimits]:
    organization = _customer_org(user)
    return customer_limits(customer=organization) if organization is not None else []


# --- direct purchases ------------------------------------------------------------------------------------


@require_safe
@login_required
@domain_errors
def purchases_home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if user.organization is None:
        raise PermissionDenied("Закупки видят сотрудники организаций")
    rows = list(direct_purchases_of(organization=user.organization)[:PAGE_LIMIT])
    context = {"purchases": rows, "limits": _limits(user), "organization": user.organization}
    return render(request, "web/purchases/list.html", context)


def _render_buy(
    request: HttpRequest, user: User, offer_id: int, form: BuyForm, *, status: int = 200
) -> HttpResponse:
    offer = offer_get(offer_id=offer_id)
    context = {
        "offer": offer,
        "stock": format_quantity(offer.stock),
        "form": form,
        "limits": _limits(user),
    }
    return render(request, "web/purchases/buy.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@domain_errors
def offer_buy(request: HttpRequest, offer_id: int) -> HttpResponse:
    user = acting_user(request)
    acting_customer(user)  # only a confirmed customer's staff see the form
    if request.method != "POST":
        offer = offer_get(offer_id=offer_id)
        form = BuyForm(initial={"quantity": "1", "expected_unit_price": str(offer.price)})
        return _render_buy(request, user, offer_id, form)
    form = BuyForm(request.POST)
    if form.is_valid():
        try:
            purchase = direct_purchase_create(
                actor=user,
                offer=offer_get(offer_id=offer_id),
                quantity=form.cleaned_data["quantity"],
                expected_unit_price=form.cleaned_data["expected_unit_price"] or None,
            )
        except (PermissionDenied, NotFound):
            raise
        except DomainError as exc:
            add_service_errors(form, exc, field_map={"price": "quantity", "expected_unit_price": "quantity"})
        else:
            messages.success(
                request, f"Закупка оформлена: сформирован проект контракта № {purchase.contract}"
            )
            return redirect("web:purchase", purchase_id=purchase.pk)
    return _render_buy(request, user, offer_id, form, status=BAD_INPUT)


@require_safe
@login_required
@domain_errors
def purchase_detail(request: HttpRequest, purchase_id: int) -> HttpResponse:
    purchase = direct_purchase_get(purchase_id=purchase_id, viewer=acting_user(request))
    context = {"purchase": purchase, "quantity": format_quantity(purchase.quantity)}
    return render(request, "web/purchases/detail.html", context)


# --- needs -----------------------------------------------------------------------------------------------


@require_safe
@domain_errors
def need_list(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    status_value = request.GET.get("status", "")
    status = NeedStatus(status_value) if status_value in NeedStatus.values else None
    rows = list(needs_public_list(status=status)[: PAGE_LIMIT + 1])
    own_org = _customer_org(viewer)
    now = timezone.now()
    context: dict[str, Any] = {
        "needs": [(n, need_effective_status(n, now)) for n in rows[:PAGE_LIMIT]],
        "truncated": len(rows) > PAGE_LIMIT,
        "statuses": [(s.value, s.label) for s in NeedStatus if s != NeedStatus.DRAFT],
        "selected_status": status.value if status else "",
        "own_needs": [(n, need_effective_status(n, now)) for n in needs_of_customer(customer=own_org)[:50]]
        if own_org is not None
        else [],
        "can_create": own_org is not None and own_org.can_publish_purchases,
        "limits": _limits(viewer),
    }
    return render(request, "web/purchases/needs_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@domain_errors
def need_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    acting_customer(user)
    if request.method != "POST":
        form = NeedForm()
        return render(request, "web/purchases/need_form.html", {"form": form, "limits": _limits(user)})
    form = NeedForm(request.POST)
    if form.is_valid():
        try:
            need = need_create(
                actor=user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                max_price=form.cleaned_data["max_price"],
                deadline=form.cleaned_data["deadline"],
                basis=PurchaseBasis(form.cleaned_data["basis"]),
            )
        except (PermissionDenied, NotFound):
            raise
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Черновик потребности сохранён. Проверьте его и опубликуйте")
            return redirect("web:need", need_id=need.pk)
    context = {"form": form, "limits": _limits(user)}
    return render(request, "web/purchases/need_form.html", context, status=BAD_INPUT)


def _refusal(form: forms.Form, exc: DomainError) -> str:
    """Puts the refusal next to its field; returns it for the top of the page when no field of this form
    names it (the deadline passed, a cap): the form itself may no longer be shown."""
    if isinstance(exc, ValidationFailed) or exc.field in form.fields:
        add_service_errors(form, exc)
        return ""
    return exc.message


def _convert_form(need: Need, data: Any = None) -> ConvertForm:
    region = need.customer.region
    durations = allowed_durations(region=region, on=local_date(timezone.now(), region.timezone))
    return ConvertForm(data, durations=durations, auto_id="id_convert_%s")


def _award_choices(proposals: list[NeedProposal]) -> list[tuple[int, str]]:
    return [(p.pk, f"{p.supplier.display_name} — {format_rub(p.price)}") for p in proposals]


def _render_need(
    request: HttpRequest,
    need: Need,
    *,
    propose_form: ProposalForm | None = None,
    award_form: AwardForm | None = None,
    cancel_form: ReasonForm | None = None,
    convert_form: ConvertForm | None = None,
    page_error: str = "",
    status: int = 200,
) -> HttpResponse:
    viewer = _viewer(request)
    now = timezone.now()
    proposals = list(need_proposals_visible(need=need, viewer=viewer))
    owner = is_member_of(viewer, need.customer)
    supplier_org = (
        viewer.organization
        if viewer is not None
        and viewer.organization is not None
        and viewer.organization.kind == OrganizationKind.SUPPLIER
        else None
    )
    own = next((p for p in proposals if supplier_org is not None and p.supplier_id == supplier_org.pk), None)
    window_open = proposals_open(need, now)
    window_closed = proposals_closed(need, now)
    context: dict[str, Any] = {
        "need": need,
        "effective_status": need_effective_status(need, now),
        "tz": need.customer.region.timezone,
        "owner": owner,
        "proposals": proposals,
        "proposals_count": NeedProposal.objects.filter(need=need, status=ProposalStatus.ACTIVE).count(),
        "own_proposal": own,
        "window_open": window_open,
        "can_publish": owner and need.status == NeedStatus.DRAFT,
        "can_cancel": owner and need.status in (NeedStatus.DRAFT, NeedStatus.PUBLISHED, NeedStatus.CLOSED),
        "can_decide": owner and window_closed,
        "can_propose": supplier_org is not None and window_open,
        "award": getattr(need, "award", None) if need.status == NeedStatus.AWARDED else None,
        "propose_form": propose_form or ProposalForm(),
        "award_form": award_form or AwardForm(choices=_award_choices(proposals)),
        "cancel_form": cancel_form or ReasonForm(auto_id="id_cancel_%s"),
        "convert_form": convert_form or _convert_form(need),
        "page_error": page_error,
        "limits": _limits(viewer) if owner else [],
    }
    return render(request, "web/purchases/need_detail.html", context, status=status)


@require_safe
@domain_errors
def need_detail(request: HttpRequest, need_id: int) -> HttpResponse:
    return _render_need(request, need_get(need_id=need_id, viewer=_viewer(request)))


def _need_for_action(request: HttpRequest, need_id: int) -> tuple[User, Need]:
    user = acting_user(request)
    return user, need_get(need_id=need_id, viewer=user)


@require_POST
@login_required
@domain_errors
def need_publish_view(request: HttpRequest, need_id: int) -> HttpResponse:
    user, need = _need_for_action(request, need_id)
    try:
        need_publish(need=need, actor=user)
    except (PermissionDenied, NotFound):
        raise
    except DomainError as exc:
        return _render_need(request, need, page_error=exc.message, status=BAD_INPUT)
    messages.success(request, "Потребность опубликована: поставщики могут подавать предложения")
    return redirect("web:need", need_id=need.pk)


def _attachment(upload: UploadedFile[Any] | None) -> Attachment | None:
    if upload is None:
        return None
    return Attachment(
        name=(upload.name or "Приложение")[:200],
        content_type=upload.content_type or "application/octet-stream",
        content=upload.read(),
    )


def _need_action(
    request: HttpRequest,
    need: Need,
    *,
    form: forms.Form,
    form_name: str,
    act: Callable[[], Any],
    done: str,
    then: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse:
    """One shape for every action on a need's page: a valid form runs the service; a refusal shows the page
    again with the message beside its field (or on top); success says so and goes on (the need by default)."""
    error = ""
    if form.is_valid():
        try:
            result = act()
        except (PermissionDenied, NotFound):
            raise
        except DomainError as exc:
            error = _refusal(form, exc)
        else:
            messages.success(request, done)
            return then(result) if then is not None else redirect("web:need", need_id=need.pk)
    forms_shown: dict[str, Any] = {form_name: form}
    return _render_need(request, need, **forms_shown, page_error=error, status=BAD_INPUT)


@require_POST
@login_required
@domain_errors
def need_propose_view(request: HttpRequest, need_id: int) -> HttpResponse:
    user, need = _need_for_action(request, need_id)
    form = ProposalForm(request.POST, request.FILES)
    return _need_action(
        request,
        need,
        form=form,
        form_name="propose_form",
        act=lambda: need_propose(
            need=need,
            supplier_user=user,
            price=form.cleaned_data["price"],
            terms=form.cleaned_data["terms"],
            attachment=_attachment(form.cleaned_data["attachment"]),
        ),
        done="Предложение подано",
    )


@require_POST
@login_required
@domain_errors
def need_award_view(request: HttpRequest, need_id: int) -> HttpResponse:
    user, need = _need_for_action(request, need_id)
    proposals = list(need_proposals_visible(need=need, viewer=user))
    form = AwardForm(request.POST, choices=_award_choices(proposals))
    return _need_action(
        request,
        need,
        form=form,
        form_name="award_form",
        act=lambda: need_award(
            need=need,
            proposal=need_proposal_get(need=need, proposal_id=form.cleaned_data["proposal"]),
            actor=user,
            reason=form.cleaned_data["reason"],
        ),
        done="Предложение выбрано: сформирован проект контракта",
    )


@require_POST
@login_required
@domain_errors
def need_cancel_view(request: HttpRequest, need_id: int) -> HttpResponse:
    user, need = _need_for_action(request, need_id)
    form = ReasonForm(request.POST, auto_id="id_cancel_%s")
    return _need_action(
        request,
        need,
        form=form,
        form_name="cancel_form",
        act=lambda: need_cancel(need=need, actor=user, reason=form.cleaned_data["reason"]),
        done="Потребность отменена",
    )


@require_POST
@login_required
@domain_errors
def need_convert_view(request: HttpRequest, need_id: int) -> HttpResponse:
    user, need = _need_for_action(request, need_id)
    form = _convert_form(need, request.POST)
    return _need_action(
        request,
        need,
        form=form,
        form_name="convert_form",
        act=lambda: need_convert_to_session(
            need=need,
            actor=user,
            duration_hours=form.cleaned_data["duration_hours"],
            subject_kind=SubjectKind(form.cleaned_data["subject_kind"]),
            smp_only=form.cleaned_data["smp_only"],
        ),
        done="Создан черновик котировочной сессии: проверьте его и опубликуйте на странице сессии",
        then=lambda converted: redirect("web:session", session_id=converted.session_id),
    )
