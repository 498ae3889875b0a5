"""Citizens' signals: the public feed and card (anonymous visitors read), submission with photos
(multipart), moderation, the organization's answer, the author's rating, statistics. A signal before
publication and an answer before moderation do not exist (404 / absent) for anybody who must not see them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from zakupki.accounts.enums import UserRole
from zakupki.accounts.roles import role_of
from zakupki.accounts.selectors import organization_get_public, region_get
from zakupki.api.auth import AUTH, current_user, optional_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.public_signals import (
    AnswerIn,
    AnswerOut,
    AnswerRejectIn,
    ModerationQueueOut,
    MunicipalityOut,
    PhotoOut,
    PublishIn,
    RateIn,
    RejectIn,
    SignalDetailOut,
    SignalListItemOut,
    SignalSubmitForm,
    StatRowOut,
    StatsOut,
)
from zakupki.core.errors import NotFound, PermissionDenied, ValidationFailed
from zakupki.documents.services.storage import document_read_verified
from zakupki.public_signals.enums import AnswerStatus, DeadlineState, SignalCategory, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.selectors import (
    moderation_queue,
    municipalities_of,
    municipality_get,
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
    signal_publish,
    signal_rate,
    signal_reject,
    signal_submit,
)
from zakupki.public_signals.stats import (
    BY_MUNICIPALITY,
    BY_ORGANIZATION,
    StatRow,
    signal_stats,
    signal_stats_total,
)

router = Router(tags=["Сообщения граждан"])


def is_moderator(user: object) -> bool:
    return role_of(user) == UserRole.MODERATOR


def _list_out(signal: Signal) -> SignalListItemOut:
    state = signal_deadline_state(signal=signal, now=timezone.now())
    return SignalListItemOut(
        id=signal.pk,
        status=signal.status,
        status_label=SignalStatus(signal.status).label,
        category=signal.category,
        category_label=SignalCategory(signal.category).label,
        municipality=signal.municipality.name,
        organization=signal.organization.display_name if signal.organization else None,
        text=signal.text,
        published_at=signal.published_at,
        answer_due_at=signal.answer_due_at,
        deadline_state=state.value,
        deadline_label=DeadlineState(state).label,
    )


def _answer_out(answer: SignalAnswer) -> AnswerOut:
    return AnswerOut(
        id=answer.pk,
        organization=answer.organization.display_name,
        text=answer.text,
        status=answer.status,
        status_label=AnswerStatus(answer.status).label,
        submitted_at=answer.created_at,
        moderation_comment=answer.moderation_comment,
        rating=answer.rating,
    )


def _detail_out(signal: Signal, viewer: object) -> SignalDetailOut:
    base = _list_out(signal)
    return SignalDetailOut(
        **base.model_dump(),
        region=signal.region.code,
        session_id=signal.session_id,
        contract_registry_number=signal.contract.registry_number if signal.contract else None,
        facility_address=signal.facility_address,
        reject_reason=signal.reject_reason,
        legal_due_at=signal.legal_due_at,
        answered_at=signal.answered_at,
        returns_count=signal.returns_count,
        rating=signal.rating,
        photos=[
            PhotoOut(
                id=photo.pk,
                url=f"/api/v1/signals/{signal.pk}/photos/{photo.pk}",
                width=photo.width,
                height=photo.height,
                content_type=photo.document.content_type,
            )
            for photo in signal.photos.select_related("document")
        ],
        answers=[_answer_out(a) for a in signal_answers_visible(signal=signal, viewer=viewer)],
    )


def _answer_of(signal: Signal, answer_id: int) -> SignalAnswer:
    answer = SignalAnswer.objects.select_related("signal__region", "organization").filter(
        signal=signal, pk=answer_id
    )
    found = answer.first()
    if found is None:
        raise NotFound("Ответ не найден")
    return found


def _stat_out(row: StatRow) -> StatRowOut:
    return StatRowOut(
        id=row.key,
        name=row.name,
        signals=row.signals,
        answered=row.answered,
        average_days=None if row.average_days is None else str(row.average_days),
        median_days=None if row.median_days is None else str(row.median_days),
        overdue=row.overdue,
        overdue_percent=None if row.overdue_percent is None else str(row.overdue_percent),
        rated=row.rated,
        satisfied_percent=None if row.satisfied_percent is None else str(row.satisfied_percent),
    )


@router.get("/municipalities", response={200: list[MunicipalityOut], ERROR_CODES: ErrorOut})
def municipality_list(request: HttpRequest, region: str) -> list[MunicipalityOut]:
    """Муниципальные образования региона (для поля «муниципалитет» сообщения)."""
    return [
        MunicipalityOut(id=m.pk, name=m.name, region=m.region.code)
        for m in municipalities_of(region=region_get(code=region)).select_related("region")
    ]


@router.get("/signals", response={200: list[SignalListItemOut], ERROR_CODES: ErrorOut})
def signal_list(
    request: HttpRequest,
    region: str = "",
    municipality: int | None = None,
    category: str = "",
    status: str = "",
    organization: int | None = None,
) -> list[SignalListItemOut]:
    """Лента опубликованных сообщений с фильтрами; доступна всем, без входа."""
    rows = signals_public(
        region=region_get(code=region) if region else None,
        municipality=municipality_get(municipality_id=municipality) if municipality else None,
        category=category,
        status=status,
        organization=organization_get_public(organization_id=organization) if organization else None,
    )
    return [_list_out(s) for s in rows[:500]]


@router.get("/signals/mine", auth=AUTH, response={200: list[SignalListItemOut], ERROR_CODES: ErrorOut})
def signal_mine(request: HttpRequest) -> list[SignalListItemOut]:
    """Гражданину — его сообщения (в любом статусе); сотруднику организации — направленные ей."""
    user = current_user(request)
    if user.organization is not None:
        return [_list_out(s) for s in signals_of_organization(organization=user.organization)]
    return [_list_out(s) for s in signals_of_author(author=user)]


@router.get("/signals/moderation", auth=AUTH, response={200: ModerationQueueOut, ERROR_CODES: ErrorOut})
def signal_moderation_queue(request: HttpRequest) -> ModerationQueueOut:
    """Очередь модератора своего региона: сообщения и ответы, ожидающие решения."""
    user = current_user(request)
    if not is_moderator(user):
        raise PermissionDenied("Очередь модерации доступна только модератору региона")
    signals, answers = moderation_queue(moderator=user)
    return ModerationQueueOut(
        signals=[_detail_out(s, user) for s in signals], answers=[_answer_out(a) for a in answers]
    )


@router.get("/signals/stats", response={200: StatsOut, ERROR_CODES: ErrorOut})
def signal_statistics(request: HttpRequest, region: str) -> StatsOut:
    """Статистика региона: число сообщений, среднее и медианное время ответа (дней), доля просроченных,
    доля довольных ответом — всего, по муниципалитетам и по организациям. null — нет данных."""
    found = region_get(code=region)
    now = timezone.now()
    return StatsOut(
        region=found.code,
        total=_stat_out(signal_stats_total(region=found, now=now)),
        by_municipality=[_stat_out(r) for r in signal_stats(region=found, by=BY_MUNICIPALITY, now=now)],
        by_organization=[_stat_out(r) for r in signal_stats(region=found, by=BY_ORGANIZATION, now=now)],
    )


@router.get("/signals/{signal_id}", response={200: SignalDetailOut, ERROR_CODES: ErrorOut})
def signal_detail(request: HttpRequest, signal_id: int) -> SignalDetailOut:
    """Карточка сообщения. Неопубликованное видят только автор и модератор региона."""
    viewer = optional_user(request)
    return _detail_out(signal_visible_to(signal_id=signal_id, viewer=viewer), viewer)


@router.get("/signals/{signal_id}/photos/{photo_id}", response={200: None, ERROR_CODES: ErrorOut})
def signal_photo(request: HttpRequest, signal_id: int, photo_id: int) -> HttpResponse:
    """Фотография к сообщению — тем, кому видно само сообщение."""
    photo = signal_photo_visible(signal_id=signal_id, photo_id=photo_id, viewer=optional_user(request))
    response = HttpResponse(
        document_read_verified(document=photo.document), content_type=photo.document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post("/signals", auth=AUTH, response={201: SignalDetailOut, ERROR_CODES: ErrorOut})
def signal_create(
    request: HttpRequest,
    payload: Form[SignalSubmitForm],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]  # optional files
) -> Status[SignalDetailOut]:
    """Подать сообщение (multipart/form-data, фотографии — поле photos, JPEG/PNG/WebP). Только гражданин."""
    user = current_user(request)
    municipality, session, contract = signal_input_links(
        municipality_id=payload.municipality_id,
        session_id=payload.session_id,
        contract_number=payload.contract_registry_number,
    )
    signal = signal_submit(
        author=user,
        municipality=municipality,
        category=payload.category,
        text=payload.text,
        session=session,
        contract=contract,
        facility_address=payload.facility_address,
        photos=[PhotoUpload(name=f.name or "фото", content=f.read()) for f in photos or []],
    )
    return Status(201, _detail_out(signal_visible_to(signal_id=signal.pk, viewer=user), user))


@router.post(
    "/signals/{signal_id}/publish", auth=AUTH, response={200: SignalDetailOut, ERROR_CODES: ErrorOut}
)
def signal_publish_view(request: HttpRequest, signal_id: int, payload: PublishIn) -> SignalDetailOut:
    """Опубликовать и направить организации (по умолчанию — заказчику закупки или контракта). Модератор."""
    user = current_user(request)
    signal = signal_visible_to(signal_id=signal_id, viewer=user)
    chosen = None
    if payload.organization_id is not None:
        try:
            chosen = organization_get_public(organization_id=payload.organization_id)
        except NotFound:
            raise ValidationFailed({"organization_id": "Организация не найдена"}) from None
    published = signal_publish(signal=signal, moderator=user, organization=chosen)
    return _detail_out(signal_visible_to(signal_id=published.pk, viewer=user), user)


@router.post("/signals/{signal_id}/reject", auth=AUTH, response={200: SignalDetailOut, ERROR_CODES: ErrorOut})
def signal_reject_view(request: HttpRequest, signal_id: int, payload: RejectIn) -> SignalDetailOut:
    """Отклонить с причиной: insults, personal_data, duplicate, not_competent. Модератор."""
    user = current_user(request)
    signal = signal_reject(
        signal=signal_visible_to(signal_id=signal_id, viewer=user), moderator=user, reason=payload.reason
    )
    return _detail_out(signal_visible_to(signal_id=signal.pk, viewer=user), user)


@router.post(
    "/signals/{signal_id}/answers", auth=AUTH, response={201: SignalDetailOut, ERROR_CODES: ErrorOut}
)
def answer_create(request: HttpRequest, signal_id: int, payload: AnswerIn) -> Status[SignalDetailOut]:
    """Ответ организации, которой направлено сообщение; публикуется после модерации."""
    user = current_user(request)
    answer_submit(signal=signal_visible_to(signal_id=signal_id, viewer=user), author=user, text=payload.text)
    return Status(201, _detail_out(signal_visible_to(signal_id=signal_id, viewer=user), user))


@router.post(
    "/signals/{signal_id}/answers/{answer_id}/approve",
    auth=AUTH,
    response={200: SignalDetailOut, ERROR_CODES: ErrorOut},
)
def answer_approve_view(request: HttpRequest, signal_id: int, answer_id: int) -> SignalDetailOut:
    """Опубликовать ответ. Модератор региона."""
    user = current_user(request)
    signal = signal_visible_to(signal_id=signal_id, viewer=user)
    answer_approve(answer=_answer_of(signal, answer_id), moderator=user)
    return _detail_out(signal_visible_to(signal_id=signal_id, viewer=user), user)


@router.post(
    "/signals/{signal_id}/answers/{answer_id}/reject",
    auth=AUTH,
    response={200: SignalDetailOut, ERROR_CODES: ErrorOut},
)
def answer_reject_view(
    request: HttpRequest, signal_id: int, answer_id: int, payload: AnswerRejectIn
) -> SignalDetailOut:
    """Не публиковать ответ, с замечанием для организации. Модератор региона."""
    user = current_user(request)
    signal = signal_visible_to(signal_id=signal_id, viewer=user)
    answer_reject(answer=_answer_of(signal, answer_id), moderator=user, comment=payload.comment)
    return _detail_out(signal_visible_to(signal_id=signal_id, viewer=user), user)


@router.post("/signals/{signal_id}/rate", auth=AUTH, response={200: SignalDetailOut, ERROR_CODES: ErrorOut})
def signal_rate_view(request: HttpRequest, signal_id: int, payload: RateIn) -> SignalDetailOut:
    """Оценка автора: satisfied / unsatisfied; send_back=true — вернуть на повторный ответ (один раз)."""
    user = current_user(request)
    signal_rate(
        signal=signal_visible_to(signal_id=signal_id, viewer=user),
        author=user,
        rating=payload.rating,
        send_back=payload.send_back,
    )
    return _detail_out(signal_visible_to(signal_id=signal_id, viewer=user), user)
