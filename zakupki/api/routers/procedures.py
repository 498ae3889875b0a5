"""Quotation sessions: create and publish (customer), the public list and card, price offers and auto-bids
(supplier), the protocol after the end, the contract offer's answer (the offered participant).

Anonymity: while a session runs, the card shows «Участник N» only (`session_public_view`); names and ИНН
appear in `result` once the session is summed up. Closing is the worker's job, not an endpoint.
"""

from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.accounts.selectors import region_get
from zakupki.api.auth import AUTH, current_user, optional_user
from zakupki.api.encoding import money_text
from zakupki.api.errors import api_field_names
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.procedures import (
    AutoBidIn,
    AutoBidOut,
    BidIn,
    BidOut,
    ContractOfferResultOut,
    LadderEntryOut,
    MyPositionOut,
    OfferOut,
    RankingEntryOut,
    RefuseIn,
    ResultOut,
    SessionCreateIn,
    SessionDetailOut,
    SessionItemOut,
    SessionListItemOut,
    SessionStateOut,
)
from zakupki.core.errors import Conflict, NotFound, ValidationFailed
from zakupki.core.money import to_money
from zakupki.procedures.enums import OfferStatus, SessionStatus, SubjectKind
from zakupki.procedures.models import ContractOffer, QuotationSession
from zakupki.procedures.selectors import (
    SessionPublicView,
    session_current_offer,
    session_get,
    session_protocol_pdf,
    session_public_view,
    sessions_of_customer,
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

router = Router(tags=["Котировочные сессии"])

PUBLIC_STATUSES = tuple(s for s in SessionStatus if s != SessionStatus.DRAFT)
ITEM_FIELDS = ("name", "unit", "quantity", "unit_price", "catalog_ref")


class SessionFilters(Schema):
    region: str = ""
    status: str = ""


def _money(value: Decimal | None) -> str | None:
    return None if value is None else money_text(value)


def visible_session(*, session_id: int, viewer: User | None) -> QuotationSession:
    """A draft is seen by its customer's staff only; to everybody else it does not exist."""
    session = session_get(pk=session_id)
    if session.status == SessionStatus.DRAFT and not is_member_of(viewer, session.customer):
        raise NotFound("Котировочная сессия не найдена")
    return session


def public_sessions(*, region_code: str = "", status: str = "") -> QuerySet[QuotationSession]:
    """Every published session (drafts never), newest first. Candidate for the procedures selectors."""
    rows = QuotationSession.objects.filter(status__in=PUBLIC_STATUSES).select_related("customer", "region")
    if region_code:
        rows = rows.filter(region=region_get(code=region_code))
    if status:
        if status not in PUBLIC_STATUSES:
            raise ValidationFailed({"status": "Неизвестный статус котировочной сессии"})
        rows = rows.filter(status=status)
    return rows.order_by("-published_at", "-pk")


def _offer_out(offer: ContractOffer | None, viewer: User | None) -> OfferOut | None:
    if offer is None:
        return None
    return OfferOut(
        id=offer.pk,
        rank=offer.rank,
        label=offer.participant.label,
        price=money_text(offer.price),
        status=offer.status,
        status_label=str(OfferStatus(offer.status).label),
        offered_at=offer.offered_at,
        due_at=offer.due_at,
        is_mine=viewer is not None and viewer.organization_id == offer.participant.supplier_id,
    )


def _result(view: SessionPublicView) -> ResultOut | None:
    if not view.revealed:
        return None
    protocol_url = reverse("api-v1:session_protocol", args=[view.id]) if view.protocol_id else None
    return ResultOut(
        winner_name=view.winner_name,
        winning_price=_money(view.winning_price),
        economy_rub=_money(view.economy_rub),
        economy_pct=None if view.economy_pct is None else f"{view.economy_pct:.2f}",
        protocol_url=protocol_url,
        ranking=[
            RankingEntryOut(
                rank=row["rank"],
                label=f"Участник {row['number']}",
                supplier_name=row["name"],
                supplier_inn=row["inn"],
                price=money_text(Decimal(row["price"])),
                placed_at=row["placed_at"],
            )
            for row in view.ranking
        ],
    )


def _my_position(view: SessionPublicView, viewer: User | None) -> MyPositionOut | None:
    supplier_viewer = (
        viewer is not None
        and viewer.organization is not None
        and viewer.organization.kind == OrganizationKind.SUPPLIER
    )
    if not supplier_viewer:
        return None
    return MyPositionOut(
        label=None if view.my_number is None else f"Участник {view.my_number}",
        rank=view.my_rank,
        best_price=_money(view.my_best_price),
        is_leader=view.my_is_leader,
        autobid_floor=_money(view.my_autobid_floor),
    )


def session_state_out(
    session: QuotationSession, viewer: User | None, *, fresh: bool = True
) -> SessionStateOut:
    view = session_public_view(session=session, viewer=viewer, ladder_limit=0, fresh=fresh)
    return SessionStateOut(
        id=view.id,
        status=view.status,
        status_label=str(view.status_label),
        best_price=_money(view.best_price),
        bids_count=view.bids_count,
        participants_count=view.participants_count,
        ends_at=view.ends_at,
        is_open=view.is_open,
        seconds_left=view.seconds_left,
        next_price_max=_money(view.next_price_max),
        next_price_min=_money(view.next_price_min),
        me=_my_position(view, viewer),
    )


def session_detail_out(session: QuotationSession, viewer: User | None) -> SessionDetailOut:
    view = session_public_view(session=session, viewer=viewer)
    supplier_viewer = (
        viewer is not None
        and viewer.organization is not None
        and viewer.organization.kind == OrganizationKind.SUPPLIER
    )
    me = None
    if supplier_viewer:
        me = MyPositionOut(
            label=None if view.my_number is None else f"Участник {view.my_number}",
            rank=view.my_rank,
            best_price=_money(view.my_best_price),
            is_leader=view.my_is_leader,
            autobid_floor=_money(view.my_autobid_floor),
        )
    return SessionDetailOut(
        id=view.id,
        title=view.title,
        status=view.status,
        status_label=str(view.status_label),
        customer_name=view.customer_name,
        region_timezone=view.region_timezone,
        subject_kind=session.subject_kind,
        smp_only=session.smp_only,
        delivery_terms=session.delivery_terms,
        duration_hours=session.duration_hours,
        start_price=money_text(view.start_price),
        step_min=_money(view.step_min),
        step_max=_money(view.step_max),
        best_price=_money(view.best_price),
        bids_count=view.bids_count,
        participants_count=view.participants_count,
        published_at=view.published_at,
        ends_at=view.ends_at,
        is_open=view.is_open,
        seconds_left=view.seconds_left,
        next_price_max=_money(view.next_price_max),
        next_price_min=_money(view.next_price_min),
        items=[
            SessionItemOut(
                position=item.position,
                name=item.name,
                unit=item.unit,
                quantity=format(item.quantity.normalize(), "f"),
                unit_price=money_text(item.unit_price),
                catalog_ref=item.catalog_ref,
            )
            for item in session.items.order_by("position")
        ],
        ladder=[
            LadderEntryOut(
                seq=entry.seq,
                label=entry.label,
                price=money_text(entry.price),
                placed_at=entry.placed_at,
                is_own=entry.is_own,
                is_auto=entry.is_auto,
                supplier_name=entry.supplier_name,
                supplier_inn=entry.supplier_inn,
            )
            for entry in view.ladder
        ],
        me=me,
        result=_result(view),
        offer=_offer_out(session_current_offer(session=session), viewer) if view.revealed else None,
    )


def _decimal(raw: str, *, field: str, message: str) -> Decimal:
    try:
        value = Decimal(raw.strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationFailed({field: message}) from None
    if not value.is_finite():
        raise ValidationFailed({field: message})
    return value


def _items(payload: SessionCreateIn) -> list[SessionItemData]:
    errors: dict[str, str] = {}
    items: list[SessionItemData] = []
    for index, item in enumerate(payload.items):
        n = index + 1
        values: dict[str, Decimal] = {}
        for name, what in (("quantity", "количество"), ("unit_price", "цена за единицу")):
            try:
                values[name] = _decimal(
                    getattr(item, name),
                    field=f"items.{index}.{name}",
                    message=f"Позиция {n}: {what} — не число",
                )
            except ValidationFailed as exc:
                errors.update(exc.errors)
        if not errors:
            items.append(
                SessionItemData(
                    name=item.name,
                    unit=item.unit,
                    quantity=values["quantity"],
                    unit_price=values["unit_price"],
                    catalog_ref=item.catalog_ref,
                )
            )
    if errors:
        raise ValidationFailed(errors)
    return items


def _service_item_fields(count: int) -> dict[str, str]:
    """The services number items from 1 («Позиция 1»); JSON paths count from 0, like 422 errors."""
    return {f"items.{i + 1}.{name}": f"items.{i}.{name}" for i in range(count) for name in ITEM_FIELDS}


@router.get("/sessions", response={200: list[SessionListItemOut], ERROR_CODES: ErrorOut})
@paginate(PageNumberPagination, page_size=50)
def session_list(request: HttpRequest, filters: Query[SessionFilters]) -> QuerySet[QuotationSession]:
    """Опубликованные котировочные сессии (идущие и завершённые), новые первыми. Черновики не показываются."""
    return public_sessions(region_code=filters.region, status=filters.status)


@router.get("/sessions/mine", auth=AUTH, response={200: list[SessionListItemOut], ERROR_CODES: ErrorOut})
def session_list_mine(request: HttpRequest) -> QuerySet[QuotationSession]:
    """Сессии организации заказчика пользователя, включая черновики."""
    user = current_user(request)
    if user.organization is None or user.organization.kind != OrganizationKind.CUSTOMER:
        return QuotationSession.objects.none()
    return sessions_of_customer(customer=user.organization).select_related("customer", "region")


@router.post("/sessions", auth=AUTH, response={201: SessionDetailOut, ERROR_CODES: ErrorOut})
def session_create_view(request: HttpRequest, payload: SessionCreateIn) -> Status[SessionDetailOut]:
    """Создать черновик котировочной сессии (сотрудник заказчика). НМЦК — сумма позиций."""
    actor = current_user(request)
    start_price = None
    if payload.start_price is not None:
        try:
            start_price = to_money(payload.start_price)
        except ValueError as exc:
            raise ValidationFailed({"start_price": f"НМЦК: {exc}"}) from None
    items = _items(payload)
    with api_field_names(_service_item_fields(len(items))):
        session = session_create(
            actor=actor,
            title=payload.title,
            items=items,
            duration_hours=payload.duration_hours,
            delivery_terms=payload.delivery_terms,
            start_price=start_price,
            subject_kind=SubjectKind(payload.subject_kind),
            smp_only=payload.smp_only,
        )
    return Status(201, session_detail_out(session, actor))


@router.get("/sessions/{session_id}", response={200: SessionDetailOut, ERROR_CODES: ErrorOut})
def session_detail(request: HttpRequest, session_id: int) -> SessionDetailOut:
    """Карточка сессии. Пока идёт приём предложений, участники — «Участник N», без наименований и ИНН."""
    viewer = optional_user(request)
    return session_detail_out(visible_session(session_id=session_id, viewer=viewer), viewer)


@router.post(
    "/sessions/{session_id}/publish", auth=AUTH, response={200: SessionDetailOut, ERROR_CODES: ErrorOut}
)
def session_publish_view(request: HttpRequest, session_id: int) -> SessionDetailOut:
    """Опубликовать черновик: приём предложений открывается на выбранное число часов."""
    actor = current_user(request)
    session = session_publish(session=visible_session(session_id=session_id, viewer=actor), actor=actor)
    return session_detail_out(session, actor)


@router.post("/sessions/{session_id}/bids", auth=AUTH, response={201: BidOut, ERROR_CODES: ErrorOut})
def bid_create(request: HttpRequest, session_id: int, payload: BidIn) -> Status[BidOut]:
    """Подать ценовое предложение от своей организации-поставщика."""
    actor = current_user(request)
    session = visible_session(session_id=session_id, viewer=actor)
    price = parse_price(payload.price)
    bid = bid_place(session=session, supplier_user=actor, price=price)
    return Status(
        201,
        BidOut(
            seq=bid.seq,
            price=money_text(bid.price),
            placed_at=bid.placed_at,
            session=session_state_out(bid.session, actor, fresh=False),  # the state this bid committed
        ),
    )


def _parse_floor(raw: str) -> Decimal:
    with api_field_names({"price": "floor_price"}):
        try:
            return parse_price(raw)
        except ValidationFailed as exc:
            exc.errors = {k: v.replace("Цена", "Минимальная цена", 1) for k, v in exc.errors.items()}
            raise


@router.put("/sessions/{session_id}/autobid", auth=AUTH, response={200: AutoBidOut, ERROR_CODES: ErrorOut})
def autobid_set_view(request: HttpRequest, session_id: int, payload: AutoBidIn) -> AutoBidOut:
    """Включить автоставку или изменить её минимальную цену (её не видит никто, кроме вас)."""
    actor = current_user(request)
    session = visible_session(session_id=session_id, viewer=actor)
    autobid = autobid_set(session=session, supplier_user=actor, floor_price=_parse_floor(payload.floor_price))
    return AutoBidOut(
        active=autobid.active,
        floor_price=money_text(autobid.floor_price),
        session=session_detail_out(session, actor),
    )


@router.delete("/sessions/{session_id}/autobid", auth=AUTH, response={200: AutoBidOut, ERROR_CODES: ErrorOut})
def autobid_cancel_view(request: HttpRequest, session_id: int) -> AutoBidOut:
    """Отключить автоставку."""
    actor = current_user(request)
    session = visible_session(session_id=session_id, viewer=actor)
    autobid = autobid_cancel(session=session, supplier_user=actor)
    return AutoBidOut(
        active=autobid.active,
        floor_price=money_text(autobid.floor_price),
        session=session_detail_out(session, actor),
    )


@router.get(
    "/sessions/{session_id}/protocol",
    response={200: None, ERROR_CODES: ErrorOut},
    url_name="session_protocol",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}, "description": "Протокол, PDF"}}},
)
def session_protocol(request: HttpRequest, session_id: int) -> HttpResponse:
    """Протокол подведения итогов (PDF), когда сессия завершена."""
    session = visible_session(session_id=session_id, viewer=optional_user(request))
    filename, content = session_protocol_pdf(session=session)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _current_offer(session: QuotationSession) -> ContractOffer:
    offer = session_current_offer(session=session)
    if offer is None:
        raise Conflict("Нет действующего предложения заключить контракт по этой сессии")
    return offer


@router.post(
    "/sessions/{session_id}/offer/accept",
    auth=AUTH,
    response={200: ContractOfferResultOut, ERROR_CODES: ErrorOut},
)
def offer_accept(request: HttpRequest, session_id: int) -> ContractOfferResultOut:
    """Принять предложение заключить контракт (участник, которому оно направлено)."""
    actor = current_user(request)
    session = visible_session(session_id=session_id, viewer=actor)
    contract = contract_offer_accept(offer=_current_offer(session), supplier_user=actor)
    return ContractOfferResultOut(
        contract_id=contract.pk, contract_number=contract.number, session=session_detail_out(session, actor)
    )


@router.post(
    "/sessions/{session_id}/offer/refuse",
    auth=AUTH,
    response={200: ContractOfferResultOut, ERROR_CODES: ErrorOut},
)
def offer_refuse(request: HttpRequest, session_id: int, payload: RefuseIn) -> ContractOfferResultOut:
    """Отказаться от заключения контракта, с причиной: контракт предлагается следующему участнику."""
    actor = current_user(request)
    session = visible_session(session_id=session_id, viewer=actor)
    contract_offer_refuse(offer=_current_offer(session), supplier_user=actor, reason=payload.reason)
    return ContractOfferResultOut(session=session_detail_out(session, actor))
