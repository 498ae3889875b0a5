import datetime as dt
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession, SessionItem
from zakupki.procedures.services import SessionItemData, session_cancel, session_create, session_publish
from zakupki.procedures.tests.conftest import ITEMS, NOW, make_org, make_user, rub
from zakupki.rules.models import RegionRuleOverride


def test_create_computes_start_price_from_items(draft):
    assert draft.status == SessionStatus.DRAFT
    assert draft.start_price == Decimal("51100.00")
    assert list(draft.items.values_list("position", "name", "catalog_ref")) == [
        (1, "Бумага офисная А4", ""),
        (2, "Картридж лазерный", "СТЕ-1001"),
    ]
    assert AuditEvent.objects.filter(event=EventType.SESSION_CREATED, object_id=str(draft.pk)).count() == 1


def test_create_refuses_start_price_different_from_items(customer_user):
    with pytest.raises(ValidationFailed) as exc:
        session_create(
            actor=customer_user,
            title="Канцтовары",
            items=list(ITEMS),
            duration_hours=3,
            delivery_terms="",
            start_price=Decimal("51000.00"),
        )
    assert exc.value.errors == {
        "start_price": f"НМЦК {rub('51 000,00')} не равна сумме позиций {rub('51 100,00')}"
    }
    assert not QuotationSession.objects.exists()
    assert not SessionItem.objects.exists()


def test_create_accepts_equal_start_price(customer_user):
    s = session_create(
        actor=customer_user,
        title="Канцтовары",
        items=list(ITEMS),
        duration_hours=6,
        delivery_terms="",
        start_price=Decimal("51100.00"),
    )
    assert s.start_price == Decimal("51100.00")


def test_create_validates_items_and_duration(customer_user):
    bad = [SessionItemData(name=" ", unit="шт", quantity=Decimal("0"), unit_price=Decimal("1.005"))]
    with pytest.raises(ValidationFailed) as exc:
        session_create(actor=customer_user, title="", items=bad, duration_hours=5, delivery_terms="")
    assert exc.value.errors == {
        "title": "Укажите предмет закупки",
        "items.1.name": "Позиция 1: укажите наименование",
        "items.1.quantity": "Позиция 1: количество должно быть больше нуля, не более трёх знаков после запятой",
        "items.1.unit_price": "Позиция 1: цена за единицу должна быть больше нуля, не более двух знаков после запятой",
        "duration_hours": "Продолжительность сессии может быть только 3, 6 или 24 ч",
    }
    assert not QuotationSession.objects.exists()


def test_supplier_cannot_create_a_session(suppliers):
    _, user = suppliers[0]
    with pytest.raises(
        PermissionDenied, match="^Создавать котировочные сессии могут только сотрудники заказчика$"
    ):
        session_create(actor=user, title="x", items=list(ITEMS), duration_hours=3, delivery_terms="")


def test_publish_sets_end_steps_and_next_check(session):
    assert session.status == SessionStatus.PUBLISHED
    assert session.published_at == NOW
    assert session.ends_at == NOW + dt.timedelta(hours=3)
    assert session.next_check_at == session.ends_at
    assert session.step_min == Decimal("255.50")
    assert session.step_max == Decimal("2555.00")
    assert AuditEvent.objects.filter(event=EventType.SESSION_PUBLISHED).count() == 1


def test_pending_customer_cannot_publish(region):
    org = make_org(region, OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING)
    user = make_user(org, UserRole.CUSTOMER)
    draft = session_create(actor=user, title="x", items=list(ITEMS), duration_hours=3, delivery_terms="")
    with pytest.raises(
        PermissionDenied, match="^Публиковать закупки может только сотрудник подтверждённого заказчика$"
    ):
        session_publish(session=draft, actor=user, now=NOW)
    draft.refresh_from_db()
    assert draft.status == SessionStatus.DRAFT
    assert draft.ends_at is None


def test_publish_refuses_start_price_over_the_p4_cap(customer_user):
    items = [
        SessionItemData(name="Ноутбук", unit="шт", quantity=Decimal("10"), unit_price=Decimal("60000.01"))
    ]
    draft = session_create(
        actor=customer_user, title="Ноутбуки", items=items, duration_hours=24, delivery_terms=""
    )
    with pytest.raises(ValidationFailed) as exc:
        session_publish(session=draft, actor=customer_user, now=NOW)
    assert exc.value.errors == {
        "start_price": f"НМЦК {rub('600 000,10')} превышает предельную цену контракта {rub('600 000,00')} "
        "по п. 4 ч. 1 ст. 93 44-ФЗ"
    }
    draft.refresh_from_db()
    assert draft.status == SessionStatus.DRAFT
    assert draft.next_check_at is None
    assert not AuditEvent.objects.filter(event=EventType.SESSION_PUBLISHED).exists()


def test_publish_refuses_start_price_over_the_regional_limit(region, draft, customer_user):
    RegionRuleOverride.objects.create(
        region=region,
        key="quotation_session.max_value_goods",
        value="50000",
        effective_from=dt.date(2026, 1, 1),
        reason="Постановление № 1",
    )
    with pytest.raises(ValidationFailed) as exc:
        session_publish(session=draft, actor=customer_user, now=NOW)
    assert exc.value.errors == {
        "start_price": f"НМЦК {rub('51 100,00')} превышает предельную сумму котировочной сессии в регионе "
        f"{rub('50 000,00')} (поставка товаров)"
    }
    draft.refresh_from_db()
    assert draft.status == SessionStatus.DRAFT


def test_region_may_change_the_allowed_durations(region, customer_user):
    RegionRuleOverride.objects.create(
        region=region,
        key="quotation_session.durations_hours",
        value=[2, 3],
        effective_from=dt.date(2026, 1, 1),
        reason="Постановление № 2",
    )
    s = session_create(actor=customer_user, title="x", items=list(ITEMS), duration_hours=2, delivery_terms="")
    s = session_publish(session=s, actor=customer_user, now=NOW)
    assert s.ends_at == NOW + dt.timedelta(hours=2)


def test_publish_twice_is_refused(session, customer_user):
    with pytest.raises(Conflict, match="^Опубликовать можно только черновик котировочной сессии$"):
        session_publish(session=session, actor=customer_user, now=NOW)


def test_cancel_published_session_without_bids(session, customer_user):
    s = session_cancel(session=session, actor=customer_user, reason="Изменилась потребность")
    assert s.status == SessionStatus.CANCELLED
    assert s.next_check_at is None
