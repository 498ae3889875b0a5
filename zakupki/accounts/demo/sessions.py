"""Demo quotation sessions in Moscow, built through the real services: one summed up (protocol PDF,
contract offered to the winner), one taking bids now, one draft. Times are relative to the load moment,
so the demo always has a live session to watch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zakupki.accounts.enums import OrganizationStatus, UserRole
from zakupki.accounts.models import User
from zakupki.procedures.models import QuotationSession
from zakupki.procedures.services import (
    SessionItemData,
    bid_place,
    session_close,
    session_create,
    session_publish,
)

PAPER = SessionItemData(
    name="Бумага для офисной техники А4, 80 г/м², 500 листов",
    unit="пачка",
    quantity=Decimal(200),
    unit_price=Decimal("350.00"),
)
TONER = SessionItemData(
    name="Картридж для лазерного принтера, чёрный, ресурс 3 000 страниц",
    unit="штука",
    quantity=Decimal(12),
    unit_price=Decimal("4150.00"),
)
BALLS = SessionItemData(
    name="Мяч футбольный, размер 5", unit="штука", quantity=Decimal(30), unit_price=Decimal("1890.00")
)


@dataclass(frozen=True)
class DemoSessions:
    finished: QuotationSession
    running: QuotationSession
    draft: QuotationSession


def load_demo_sessions(*, now: dt.datetime) -> DemoSessions | None:
    customer = User.objects.filter(username="customer").select_related("organization__region").first()
    if customer is None or customer.organization is None:
        return None
    bidders = list(
        User.objects.filter(
            role=UserRole.SUPPLIER,
            organization__region=customer.organization.region,
            organization__status=OrganizationStatus.CONFIRMED,
        ).order_by("username")[:3]
    )
    if len(bidders) < 3:
        return None
    first, second, third = bidders

    finished = session_create(
        actor=customer,
        title="Бумага для офисной техники на I квартал",
        items=[PAPER],
        duration_hours=6,
        delivery_terms="Поставка в течение 10 рабочих дней, разгрузка силами поставщика",
    )
    opened = now - dt.timedelta(hours=7)
    finished = session_publish(session=finished, actor=customer, now=opened)
    # НМЦК 70 000,00 ₽; steps 350,00–3 500,00 ₽.
    for minutes, user, price in (
        (20, first, "68000.00"),
        (65, second, "66500.00"),
        (190, first, "65900.00"),
        (300, third, "64800.00"),
    ):
        bid_place(
            session=finished,
            supplier_user=user,
            price=Decimal(price),
            now=opened + dt.timedelta(minutes=minutes),
        )
    finished = session_close(session=finished, now=now)

    running = session_create(
        actor=customer,
        title="Картриджи для лазерных принтеров",
        items=[TONER],
        duration_hours=24,
        delivery_terms="Поставка в течение 5 рабочих дней",
    )
    started = now - dt.timedelta(hours=1)
    running = session_publish(session=running, actor=customer, now=started)
    # НМЦК 49 800,00 ₽; steps 249,00–2 490,00 ₽.
    for minutes, user, price in ((10, second, "49000.00"), (40, third, "48200.00")):
        bid_place(
            session=running,
            supplier_user=user,
            price=Decimal(price),
            now=started + dt.timedelta(minutes=minutes),
        )

    draft = session_create(
        actor=customer,
        title="Мячи для уроков физкультуры",
        items=[BALLS],
        duration_hours=3,
        delivery_terms="Поставка до 1 марта",
        smp_only=True,  # shows the restriction: once published, only SMP and SONKO suppliers may bid
    )
    return DemoSessions(finished=finished, running=running, draft=draft)
