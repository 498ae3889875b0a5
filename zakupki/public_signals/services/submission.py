"""A citizen submits a signal; it waits for the region's moderator before anybody else sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import User
from zakupki.accounts.roles import role_of
from zakupki.contracts.models import Contract
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.storage import document_store
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession
from zakupki.public_signals.enums import SignalCategory
from zakupki.public_signals.models import Municipality, Signal, SignalPhoto
from zakupki.public_signals.services._common import signal_rule_int
from zakupki.public_signals.services.photos import CheckedPhoto, PhotoUpload, photo_check

TEXT_MAX = 5000
ADDRESS_MAX = Signal._meta.get_field("facility_address").max_length or 500
MSG_NOT_CITIZEN = "Сообщение может подать только зарегистрированный гражданин"


def _check_links(
    *,
    category: str,
    municipality: Municipality,
    session: QuotationSession | None,
    contract: Contract | None,
    facility_address: str,
    errors: dict[str, str],
) -> None:
    if category == SignalCategory.PROCUREMENT:
        if session is None:
            errors["session"] = "Укажите закупку, к которой относится сообщение"
        elif session.status == SessionStatus.DRAFT:
            errors["session"] = "Закупка не найдена"
        elif session.region_id != municipality.region_id:
            errors["session"] = "Закупка проводится в другом регионе"
    elif category == SignalCategory.CONTRACT:
        if contract is None:
            errors["contract"] = "Укажите контракт, к которому относится сообщение"
        elif not contract.registry_number:
            # only concluded contracts are public (they have a registry number)
            errors["contract"] = "Контракт не найден"
        elif contract.customer.region_id != municipality.region_id:
            errors["contract"] = "Контракт заключён заказчиком другого региона"
    elif category == SignalCategory.FACILITY and not facility_address:
        errors["facility_address"] = "Укажите адрес объекта"


def signal_submit(
    *,
    author: User,
    municipality: Municipality | None,
    category: str,
    text: str,
    session: QuotationSession | None = None,
    contract: Contract | None = None,
    facility_address: str = "",
    photos: Sequence[PhotoUpload] = (),
    now: dt.datetime | None = None,
) -> Signal:
    if role_of(author) != UserRole.CITIZEN:
        raise PermissionDenied(MSG_NOT_CITIZEN)
    now = now or timezone.now()
    text = text.strip()
    facility_address = facility_address.strip()
    errors: dict[str, str] = {}
    if category not in SignalCategory.values:
        errors["category"] = "Выберите категорию сообщения"
    if municipality is None:
        errors["municipality"] = "Выберите муниципальное образование"
    if not text:
        errors["text"] = "Напишите текст сообщения"
    elif len(text) > TEXT_MAX:
        errors["text"] = f"Текст сообщения длиннее {TEXT_MAX} символов"
    if len(facility_address) > ADDRESS_MAX:
        errors["facility_address"] = f"Адрес длиннее {ADDRESS_MAX} символов"
    if municipality is not None and category in SignalCategory.values:
        _check_links(
            category=category,
            municipality=municipality,
            session=session,
            contract=contract,
            facility_address=facility_address,
            errors=errors,
        )
    checked: list[CheckedPhoto] = []
    if municipality is not None:
        region = municipality.region
        max_count = signal_rule_int("signal.photo_max_count", region=region, at=now)
        if len(photos) > max_count:
            errors["photos"] = f"Можно приложить не больше {max_count} фотографий"
        else:
            max_bytes = signal_rule_int("signal.photo_max_bytes", region=region, at=now)
            max_pixels = signal_rule_int("signal.photo_max_pixels", region=region, at=now)
            for upload in photos:
                try:
                    checked.append(photo_check(upload, max_bytes=max_bytes, max_pixels=max_pixels))
                except ValidationFailed as exc:
                    errors.setdefault("photos", exc.errors["photos"])
    if errors:
        raise ValidationFailed(errors)
    assert municipality is not None  # noqa: S101 - refused above
    category_value = SignalCategory(category)
    with transaction.atomic():
        signal = Signal.objects.create(
            author=author,
            region=municipality.region,
            municipality=municipality,
            category=category_value,
            text=text,
            session=session if category_value == SignalCategory.PROCUREMENT else None,
            contract=contract if category_value == SignalCategory.CONTRACT else None,
            facility_address=facility_address,
        )
        for position, photo in enumerate(checked, start=1):
            document = document_store(
                content=photo.content,
                title=f"Фотография {position} к сообщению № {signal.pk}",
                kind="signal_photo",
                content_type=photo.content_type,
                actor=author,
            )
            SignalPhoto.objects.create(
                signal=signal, document=document, position=position, width=photo.width, height=photo.height
            )
        audit_record(
            actor=author,
            event=EventType.SIGNAL_SUBMITTED,
            obj=signal,
            details={
                "category": category_value.value,
                "municipality": municipality.name,
                "region": municipality.region.code,
                "session": signal.session_id,
                "contract": contract.registry_number if signal.contract_id and contract else None,
                "photos": [p.document.sha256 for p in signal.photos.select_related("document")],
            },
        )
    return signal
