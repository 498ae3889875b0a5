"""Givens for the signals tests: plain typed builders (rows, not behaviour under test), and real images."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from PIL import Image

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import award, customer, organization, region, supplier
from zakupki.contracts.tests.factories import user as _user
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession
from zakupki.public_signals.enums import SignalCategory
from zakupki.public_signals.models import Municipality, Signal
from zakupki.public_signals.services import PhotoUpload, signal_submit

__all__ = ["customer", "region", "supplier"]


def user(*, role: str | UserRole = UserRole.CITIZEN, **fields: Any) -> User:
    return _user(role=UserRole(role), **fields)


def moscow() -> Region:
    return region("77", tz="Europe/Moscow", name="Москва")


def district(of: Region | None = None, name: str = "Центральный административный округ") -> Municipality:
    found, _ = Municipality.objects.get_or_create(region=of or moscow(), name=name)
    return found


def citizen(**fields: Any) -> User:
    return user(role=UserRole.CITIZEN, region=moscow(), **fields)


def moderator(of: Region | None = None) -> User:
    return user(role=UserRole.MODERATOR, region=of or moscow())


def control_body(of: Region | None = None) -> Organization:
    return organization(kind=OrganizationKind.CONTROL_BODY, in_region=of or moscow())


def published_session(buyer: Organization, *, title: str = "Поставка бумаги офисной") -> QuotationSession:
    return QuotationSession.objects.create(
        customer=buyer,
        region=buyer.region,
        created_by=user(role=UserRole.CUSTOMER, organization=buyer),
        title=title,
        start_price=Decimal("416724.00"),
        duration_hours=3,
        status=SessionStatus.PUBLISHED,
        published_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(hours=3),
    )


def concluded_contract(buyer: Organization, *, number: str = "2770100000126000001") -> Contract:
    contract = award(buyer, supplier(in_region=buyer.region), "416724.00")
    Contract.objects.filter(pk=contract.pk).update(status=ContractStatus.CONCLUDED, registry_number=number)
    contract.refresh_from_db()
    return contract


def jpeg(width: int = 64, height: int = 48, color: str = "#1f5fa8") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def png(width: int = 32, height: int = 32) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 30, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def submitted(
    *,
    author: User | None = None,
    buyer: Organization | None = None,
    text: str = "Во дворе школы не убран мусор после ремонта крыши",
    photos: tuple[PhotoUpload, ...] = (),
) -> Signal:
    """A procurement signal about a session of `buyer` (a Moscow customer by default)."""
    buyer = buyer or customer(in_region=moscow())
    return signal_submit(
        author=author or citizen(),
        municipality=district(buyer.region),
        category=SignalCategory.PROCUREMENT,
        text=text,
        session=published_session(buyer),
        photos=photos,
    )
