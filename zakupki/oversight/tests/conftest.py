"""Givens for the oversight tests: a Moscow customer with a published quotation session, three
suppliers (two of them bid), the region's control body, and GOST keys for everyone who signs."""

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.enums import SourceKind
from zakupki.documents.models import SigningKey
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.oversight.enums import ComplaintSubject, Respondent
from zakupki.oversight.models import Complaint
from zakupki.oversight.services.complaints import complaint_file
from zakupki.procedures.models import QuotationSession
from zakupki.procedures.services import SessionItemData, bid_place, session_create, session_publish

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # Monday, 12:00 in Moscow
KEYS_FROM = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_serial = itertools.count(1)


def make_org(region: Region, kind: OrganizationKind, name: str) -> Organization:
    n = next(_serial)
    return Organization.objects.create(
        kind=kind,
        status=OrganizationStatus.CONFIRMED,
        name=name,
        inn=make_inn(f"{60 + n:02d}01{n:05d}"),
        kpp="770101001",
        ogrn=make_ogrn(f"10277020{n:04d}"),
        region=region,
    )


def make_user(org: Organization | None, role: UserRole, *, key: bool = True) -> User:
    n = next(_serial)
    user = User.objects.create_user(
        username=f"ov{n}",
        password="x-Very-Long-Pass-1",
        role=role,
        organization=org,
        full_name=f"Сотрудник {n}",
    )
    if key:
        signing_key_issue(user=user, actor=None)
        # a key issued at the start of the year, so it signs at the fixed test instants
        SigningKey.objects.filter(user=user).update(valid_from=KEYS_FROM)
    return user


@dataclass
class World:
    region: Region
    customer: Organization
    customer_user: User
    control_body: Organization
    inspector: User
    alpha: Organization
    alpha_user: User
    beta: Organization
    beta_user: User
    outsider: Organization
    outsider_user: User
    session: QuotationSession


@pytest.fixture
def world(db) -> World:
    region = Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )
    customer = make_org(region, OrganizationKind.CUSTOMER, "ГБОУ Школа № 1535")
    control_body = make_org(
        region, OrganizationKind.CONTROL_BODY, "Главное контрольное управление города Москвы"
    )
    alpha = make_org(region, OrganizationKind.SUPPLIER, "ООО «Альфа»")
    beta = make_org(region, OrganizationKind.SUPPLIER, "ООО «Бета»")
    outsider = make_org(region, OrganizationKind.SUPPLIER, "ООО «Сторонний»")
    customer_user = make_user(customer, UserRole.CUSTOMER)
    draft = session_create(
        actor=customer_user,
        title="Поставка канцелярских товаров",
        items=[
            SessionItemData(
                name="Бумага офисная А4", unit="пачка", quantity=Decimal(100), unit_price=Decimal(350)
            )
        ],
        duration_hours=3,
        delivery_terms="Доставка до склада заказчика",
    )
    session = session_publish(session=draft, actor=customer_user, now=NOW)
    return World(
        region=region,
        customer=customer,
        customer_user=customer_user,
        control_body=control_body,
        inspector=make_user(control_body, UserRole.CONTROL_BODY),
        alpha=alpha,
        alpha_user=make_user(alpha, UserRole.SUPPLIER),
        beta=beta,
        beta_user=make_user(beta, UserRole.SUPPLIER),
        outsider=outsider,
        outsider_user=make_user(outsider, UserRole.SUPPLIER),
        session=session,
    )


def bid_both(w: World) -> None:
    """Альфа 34 825,00, then Бета 34 650,00 (the winner)."""
    at = NOW + dt.timedelta(minutes=5)
    bid_place(session=w.session, supplier_user=w.alpha_user, price=Decimal("34825.00"), now=at)
    bid_place(session=w.session, supplier_user=w.beta_user, price=Decimal("34650.00"), now=at)


def file_terms(w: World, *, by: User | None = None, at: dt.datetime | None = None) -> Complaint:
    return complaint_file(
        actor=by or w.alpha_user,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=w.session.pk,
        subject=ComplaintSubject.TERMS,
        respondent=Respondent.CUSTOMER,
        grounds=["Срок поставки 1 день ограничивает конкуренцию", "Не указаны требования к бумаге"],
        remedy="Выдать предписание об изменении извещения",
        now=at or NOW + dt.timedelta(minutes=10),
    )
