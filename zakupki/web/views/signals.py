"""Citizens' signals pages: the public feed by municipality with filters, the card with the action forms
of the viewer's role (moderator, responsible organization, author), submission with photos, the
moderation queue, «my signals», statistics with charts and CSV/XLSX export.

A signal before publication exists only for its author and the region's moderators; an answer before
moderation only for the organization and the moderators (others: 404 / not shown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Region, User
from zakupki.accounts.roles import role_of
from zakupki.accounts.selectors import organization_get_public, region_get, region_list
from zakupki.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from zakupki.documents.services.storage import document_read_verified
from zakupki.public_signals.enums import AnswerStatus, SignalCategory, SignalStatus
from zakupki.public_signals.exports import stats_csv, stats_xlsx
from zakupki.public_signals.models import Municipality, Signal, SignalAnswer
from zakupki.public_signals.selectors import (
    is_author,
    is_moderator_of,
    is_responsible,
    moderation_queue,
    municipalities_of,
    responsible_candidates,
    signal_answers_visible,
    signal_deadline_state,
    signal_input_links,
    signal_photo_visible,
    signal_visible_to,
    signals_of_author,
    signals_of_organization,
    signals_public,
)
from zakupki.public_signals.services import (
    PhotoUpload,
    answer_approve,
    answer_reject,
    answer_submit,
    signal_default_organization,
    signal_publish,
    signal_rate,
    signal_reject,
    signal_submit,
)
from zakupki.public_signals.states import AWAITING_ANSWER, PUBLIC_STATUSES
from zakupki.public_signals.stats import (
    BY_MUNICIPALITY,
    BY_ORGANIZATION,
    StatRow,
    signal_stats,
    signal_stats_total,
)
from zakupki.web.charts import Bar, bar_chart_svg
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.signals import (
    AnswerForm,
    AnswerRejectForm,
    PublishForm,
    RateForm,
    RejectForm,
    SignalForm,
)

BAD_INPUT = 400
FEED_LIMIT = 200
DEFAULT_REGION = "77"


def _viewer(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _region_of(request: HttpRequest, viewer: User | None) -> Region | None:
    code = request.GET.get("region", "")
    if code:
        try:
            return region_get(code=code)
        except NotFound:
            return None
    home = viewer.home_region if viewer is not None else None
    return home or Region.objects.filter(code=DEFAULT_REGION).first()


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


# ----------------------------------------------------------------------------------------------- feed


@require_safe
def signal_feed(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    region = _region_of(request, viewer)
    municipality_id = _int(request.GET.get("municipality", ""))
    municipality = (
        Municipality.objects.filter(pk=municipality_id, region=region).first() if municipality_id else None
    )
    category = request.GET.get("category", "")
    status = request.GET.get("status", "")
    rows = signals_public(
        region=region,
        municipality=municipality,
        category=category if category in SignalCategory.values else "",
        status=status if status in SignalStatus.values else "",
    )
    now = timezone.now()
    signals = [(s, signal_deadline_state(signal=s, now=now)) for s in rows[:FEED_LIMIT]]
    by_municipality = (
        municipalities_of(region=region).annotate(
            public=Count("signals", filter=Q(signals__status__in=PUBLIC_STATUSES))
        )
        if region is not None
        else []
    )
    context = {
        "region": region,
        "regions": region_list(),
        "signals": signals,
        "by_municipality": by_municipality,
        "selected_municipality": municipality,
        "selected_category": category,
        "selected_status": status,
        "categories": SignalCategory.choices,
        "statuses": [(s.value, s.label) for s in SignalStatus if s in PUBLIC_STATUSES],
        "can_submit": role_of(viewer) == UserRole.CITIZEN,
        "truncated": len(signals) == FEED_LIMIT,
    }
    return render(request, "web/signals/feed.html", context)


# --------------------------------------------------------------------------------------------- submit


def _municipality_choices(viewer: User) -> list[tuple[int, str]]:
    rows = Municipality.objects.select_related("region").order_by("region__code", "name")
    if viewer.region_id is not None:
        rows = rows.filter(region_id=viewer.region_id)
    return [(m.pk, f"{m.name} ({m.region.name})") for m in rows]


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@domain_errors
def signal_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if role_of(user) != UserRole.CITIZEN:
        raise PermissionDenied("Сообщение может подать только зарегистрированный гражданин")
    choices = _municipality_choices(user)
    if request.method != "POST":
        return render(request, "web/signals/new.html", {"form": SignalForm(municipalities=choices)})
    form = SignalForm(request.POST, request.FILES, municipalities=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            municipality, session, contract = signal_input_links(
                municipality_id=data["municipality"],
                session_id=data["session"],
                contract_number=data["contract"],
            )
            signal = signal_submit(
                author=user,
                municipality=municipality,
                category=data["category"],
                text=data["text"],
                session=session,
                contract=contract,
                facility_address=data["facility_address"],
                photos=[PhotoUpload(name=f.name or "фото", content=f.read()) for f in data["photos"]],
            )
        except (PermissionDenied, NotFound):
            raise
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Сообщение отправлено на модерацию")
            return redirect("web:signal", signal_id=signal.pk)
    return render(request, "web/signals/new.html", {"form": form}, status=BAD_INPUT)


# ----------------------------------------------------------------------------------------------- card


def _render_card(
    request: HttpRequest, signal: Signal, *, status: int = 200, error: str = "", **forms_shown: Any
) -> HttpResponse:
    viewer = _viewer(request)
    moderator = is_moderator_of(viewer, signal.region)
    answers = signal_answers_visible(signal=signal, viewer=viewer)
    pending = [a for a in answers if a.status == AnswerStatus.PENDING]
    organizations = [(o.pk, o.display_name) for o in responsible_candidates(signal=signal)]
    default = signal_default_organization(signal)
    context: dict[str, Any] = {
        "signal": signal,
        "status": SignalStatus(signal.status),
        "deadline": signal_deadline_state(signal=signal, now=timezone.now()),
        "photos": list(signal.photos.all()),
        "answers": answers,
        "page_error": error,
        "can_moderate": moderator and signal.status == SignalStatus.SUBMITTED,
        "can_moderate_answers": moderator and bool(pending),
        "can_answer": is_responsible(viewer, signal) and signal.status in AWAITING_ANSWER,
        "can_rate": is_author(viewer, signal) and signal.status == SignalStatus.ANSWERED,
        "can_send_back": signal.returns_count == 0,
        "publish_form": forms_shown.get("publish_form")
        or PublishForm(
            organizations=organizations, initial={"organization": default.pk if default else None}
        ),
        "reject_form": forms_shown.get("reject_form") or RejectForm(),
        "answer_form": forms_shown.get("answer_form") or AnswerForm(),
        "answer_reject_form": forms_shown.get("answer_reject_form") or AnswerRejectForm(),
        "rate_form": forms_shown.get("rate_form") or RateForm(),
        "region_tz": signal.region.timezone,
    }
    return render(request, "web/signals/detail.html", context, status=status)


@require_safe
@domain_errors
def signal_page(request: HttpRequest, signal_id: int) -> HttpResponse:
    return _render_card(request, signal_visible_to(signal_id=signal_id, viewer=_viewer(request)))


@require_safe
@domain_errors
def signal_photo(request: HttpRequest, signal_id: int, photo_id: int) -> HttpResponse:
    photo = signal_photo_visible(signal_id=signal_id, photo_id=photo_id, viewer=_viewer(request))
    response = HttpResponse(
        document_read_verified(document=photo.document), content_type=photo.document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pending_answer(signal: Signal, raw: str) -> SignalAnswer:
    answer = (
        SignalAnswer.objects.select_related("signal__region", "organization")
        .filter(signal=signal, pk=_int(raw) or 0)
        .first()
    )
    if answer is None:
        raise ValidationFailed({"answer": "Ответ не найден"})
    return answer


def _publish(
    request: HttpRequest, signal: Signal, user: User
) -> tuple[forms.Form, str, Callable[[], Any], str]:
    organizations = [(o.pk, o.display_name) for o in responsible_candidates(signal=signal)]
    form = PublishForm(request.POST, organizations=organizations)

    def act() -> Any:
        return signal_publish(
            signal=signal,
            moderator=user,
            organization=organization_get_public(organization_id=form.cleaned_data["organization"]),
        )

    return form, "publish_form", act, "Сообщение опубликовано и направлено организации"


def _action(
    request: HttpRequest, signal: Signal, user: User, action: str
) -> tuple[forms.Form, str, Callable[[], Any], str]:
    if action == "publish":
        return _publish(request, signal, user)
    if action == "reject":
        reject = RejectForm(request.POST)
        return (
            reject,
            "reject_form",
            lambda: signal_reject(signal=signal, moderator=user, reason=reject.cleaned_data["reason"]),
            "Сообщение отклонено",
        )
    if action == "answer":
        answer = AnswerForm(request.POST)
        return (
            answer,
            "answer_form",
            lambda: answer_submit(signal=signal, author=user, text=answer.cleaned_data["text"]),
            "Ответ отправлен на модерацию",
        )
    if action == "approve-answer":
        empty = forms.Form(request.POST)
        return (
            empty,
            "approve_form",
            lambda: answer_approve(
                answer=_pending_answer(signal, request.POST.get("answer", "")), moderator=user
            ),
            "Ответ опубликован",
        )
    if action == "reject-answer":
        comment = AnswerRejectForm(request.POST)
        return (
            comment,
            "answer_reject_form",
            lambda: answer_reject(
                answer=_pending_answer(signal, request.POST.get("answer", "")),
                moderator=user,
                comment=comment.cleaned_data["comment"],
            ),
            "Ответ возвращён организации с замечанием",
        )
    if action == "rate":
        rate = RateForm(request.POST)
        return (
            rate,
            "rate_form",
            lambda: signal_rate(
                signal=signal,
                author=user,
                rating=rate.cleaned_data["rating"],
                send_back=rate.cleaned_data["send_back"],
            ),
            "Спасибо за оценку",
        )
    raise NotFound("Действие не найдено")


@require_POST
@login_required
@domain_errors
def signal_action(request: HttpRequest, signal_id: int, action: str) -> HttpResponse:
    user = acting_user(request)
    signal = signal_visible_to(signal_id=signal_id, viewer=user)
    form, form_name, act, done = _action(request, signal, user, action)
    error = ""
    if form.is_valid():
        try:
            act()
        except (PermissionDenied, NotFound):
            raise
        except DomainError as exc:
            if isinstance(exc, ValidationFailed) and any(key in form.fields for key in exc.errors):
                add_service_errors(form, exc)
            else:
                error = exc.message
        else:
            messages.success(request, done)
            return redirect("web:signal", signal_id=signal.pk)
    fresh = signal_visible_to(signal_id=signal_id, viewer=user)
    return _render_card(request, fresh, status=BAD_INPUT, error=error, **{form_name: form})


# ------------------------------------------------------------------------------ queue and my signals


@require_safe
@login_required
@domain_errors
def signal_moderation(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if role_of(user) != UserRole.MODERATOR:
        raise DjangoPermissionDenied("Очередь модерации доступна только модератору региона")
    signals, answers = moderation_queue(moderator=user)
    return render(request, "web/signals/moderation.html", {"signals": signals, "answers": answers})


@require_safe
@login_required
def signal_mine(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    now = timezone.now()
    if user.organization is not None:
        rows = list(signals_of_organization(organization=user.organization))
        title = f"Сообщения, направленные «{user.organization.display_name}»"
    else:
        rows = list(signals_of_author(author=user))
        title = "Мои сообщения"
    signals = [(s, signal_deadline_state(signal=s, now=now)) for s in rows]
    return render(request, "web/signals/mine.html", {"signals": signals, "title": title})


# ---------------------------------------------------------------------------------------- statistics


def _bars(rows: list[StatRow], attribute: str, what: str) -> list[Bar]:
    bars = []
    for index, row in enumerate(rows, start=1):
        value = getattr(row, attribute)
        shown = "нет данных" if value is None else f"{value:.1f}".replace(".", ",") + "\u00a0%"
        bars.append(Bar(label=str(index), value=value, description=f"{row.name}: {what} — {shown}"))
    return bars


@require_safe
@domain_errors
def signal_statistics(request: HttpRequest) -> HttpResponse:
    region = _region_of(request, _viewer(request))
    if region is None:
        raise NotFound("Регион не найден")
    now = timezone.now()
    by_municipality = signal_stats(region=region, by=BY_MUNICIPALITY, now=now)
    by_organization = signal_stats(region=region, by=BY_ORGANIZATION, now=now)
    charts = [
        (
            bar_chart_svg(
                chart_id=f"chart-{by}-{attribute}",
                title=f"{what.capitalize()} {where}",
                description=f"{what.capitalize()}, %, {where}; номера — строки таблицы ниже",
                bars=_bars(rows, attribute, what),
            ),
            f"{what.capitalize()} {where}",
        )
        for by, rows, where in (
            (BY_MUNICIPALITY, by_municipality, "по муниципальным образованиям"),
            (BY_ORGANIZATION, by_organization, "по организациям"),
        )
        if rows
        for attribute, what in (
            ("overdue_percent", "доля просроченных"),
            ("satisfied_percent", "довольны ответом"),
        )
    ]
    context = {
        "region": region,
        "regions": region_list(),
        "total": signal_stats_total(region=region, now=now),
        "by_municipality": by_municipality,
        "by_organization": by_organization,
        "charts": charts,
    }
    return render(request, "web/signals/stats.html", context)


@require_safe
@domain_errors
def signal_statistics_export(request: HttpRequest, fmt: str) -> HttpResponse:
    region = _region_of(request, _viewer(request))
    if region is None:
        raise NotFound("Регион не найден")
    now = timezone.now()
    if fmt == "csv":
        response = HttpResponse(stats_csv(region=region, now=now), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            stats_xlsx(region=region, now=now),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise NotFound("Формат не поддерживается")
    stamp = timezone.localtime(now).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="signals-{region.code}-{stamp}.{fmt}"'
    return response
