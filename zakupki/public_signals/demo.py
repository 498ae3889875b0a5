"""Demo signals in Moscow, in every state of the lifecycle, made through the services (so the journal
and the notifications hold a real history). Needs the demo accounts: «citizen», «moderator», «customer»."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageDraw

from zakupki.accounts.models import Organization, Region, User
from zakupki.procedures.models import QuotationSession
from zakupki.public_signals.enums import Rating, RejectReason, SignalCategory
from zakupki.public_signals.models import Municipality, Signal
from zakupki.public_signals.services import (
    PhotoUpload,
    answer_approve,
    answer_submit,
    municipalities_seed,
    signal_publish,
    signal_rate,
    signal_reject,
    signal_submit,
)


def _photo() -> bytes:
    """A small real JPEG: a drawn «broken fence»."""
    image = Image.new("RGB", (320, 200), "#cfe3f5")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 150, 320, 200), fill="#6b8e23")
    for x in range(10, 320, 30):
        draw.line((x, 150, x + (12 if x % 60 else 0), 80), fill="#5a3b1e", width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _submit(author: User, place: Municipality, text: str, **links: object) -> Signal:
    session = links.get("session")
    category = (
        SignalCategory.PROCUREMENT if isinstance(session, QuotationSession) else SignalCategory.FACILITY
    )
    return signal_submit(
        author=author,
        municipality=place,
        category=category,
        text=text,
        session=session if isinstance(session, QuotationSession) else None,
        facility_address=str(links.get("address", "")),
        photos=[PhotoUpload("ограда.jpg", _photo())] if links.get("photo") else (),
    )


def load_demo_signals(*, now: dt.datetime) -> int:
    """Returns how many signals were created (0 when the demo accounts are missing)."""
    for region in Region.objects.all():
        municipalities_seed(region=region)
    citizen = User.objects.filter(username="citizen").first()
    moderator = User.objects.filter(username="moderator").first()
    clerk = User.objects.filter(username="customer").select_related("organization").first()
    if citizen is None or moderator is None or clerk is None or clerk.organization is None:
        return 0
    school: Organization = clerk.organization
    places = {m.name: m for m in Municipality.objects.filter(region__code="77")}
    centre = places["Центральный административный округ"]
    north = places["Северный административный округ"]
    south = places["Южный административный округ"]
    session = QuotationSession.objects.filter(customer=school).exclude(status="draft").order_by("pk").first()
    procurement = {"session": session} if session else {"address": "ул. Тверская, д. 13"}

    _submit(
        citizen,
        north,
        "Сломана ограда школьного стадиона, дети выходят на проезжую часть.",
        address="ул. Дубнинская, д. 20",
        photo=True,
    )
    duplicate = _submit(
        citizen, north, "Сломана ограда школьного стадиона (повторно).", address="ул. Дубнинская, д. 20"
    )
    signal_reject(signal=duplicate, moderator=moderator, reason=RejectReason.DUPLICATE, now=now)

    waiting = _submit(citizen, centre, "Почему в закупке бумаги завышена цена за пачку?", **procurement)
    signal_publish(signal=waiting, moderator=moderator, organization=school, now=now - dt.timedelta(days=2))

    late = _submit(
        citizen,
        south,
        "Во дворе школы не убран строительный мусор после ремонта крыши.",
        address="Варшавское ш., д. 74",
    )
    signal_publish(signal=late, moderator=moderator, organization=school, now=now - dt.timedelta(days=16))

    pending = _submit(
        citizen,
        centre,
        "Не работает освещение на спортивной площадке у школы.",
        address="Гоголевский б-р, д. 5",
    )
    pending = signal_publish(
        signal=pending, moderator=moderator, organization=school, now=now - dt.timedelta(days=4)
    )
    answer_submit(signal=pending, author=clerk, text="Заявка на ремонт освещения направлена подрядчику.")

    answered = _submit(
        citizen, centre, "Зимой не чистят дорожку к входу в школу.", address="Гоголевский б-р, д. 5"
    )
    answered = signal_publish(
        signal=answered, moderator=moderator, organization=school, now=now - dt.timedelta(days=6)
    )
    answer_approve(
        answer=answer_submit(signal=answered, author=clerk, text="Уборка включена в график дворника."),
        moderator=moderator,
    )

    rated = _submit(citizen, south, "В столовой школы нет питьевой воды.", address="Варшавское ш., д. 74")
    rated = signal_publish(
        signal=rated, moderator=moderator, organization=school, now=now - dt.timedelta(days=9)
    )
    answer_approve(
        answer=answer_submit(signal=rated, author=clerk, text="Установлены два кулера с водой."),
        moderator=moderator,
    )
    signal_rate(signal=rated, author=citizen, rating=Rating.SATISFIED)

    returned = _submit(
        citizen,
        north,
        "Забор вокруг школы покрашен краской, которая облезла через неделю.",
        address="ул. Дубнинская, д. 20",
    )
    returned = signal_publish(
        signal=returned, moderator=moderator, organization=school, now=now - dt.timedelta(days=12)
    )
    answer_approve(
        answer=answer_submit(signal=returned, author=clerk, text="Работы приняты."), moderator=moderator
    )
    signal_rate(signal=returned, author=citizen, rating=Rating.UNSATISFIED, send_back=True)
    return Signal.objects.count()
