import datetime as dt

import pytest

from zakupki.accounts.enums import OrganizationStatus, UserRole
from zakupki.accounts.models import Region, User
from zakupki.accounts.selectors import customers_awaiting_confirmation, organization_public_list, region_list
from zakupki.accounts.services.confirmation import organization_confirm, organization_reject
from zakupki.accounts.services.regions import region_create, region_update_settings
from zakupki.accounts.services.registration import organization_register
from zakupki.accounts.tests.conftest import customer_data, person, supplier_data
from zakupki.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.documents.models import AuditEvent


@pytest.fixture
def customer(moscow):
    return organization_register(data=customer_data(), person=person("school"))


def test_regional_admin_confirms_a_customer(customer, moscow_admin):
    confirmed = organization_confirm(organization=customer, actor=moscow_admin)
    assert confirmed.status == OrganizationStatus.CONFIRMED
    assert confirmed.can_publish_purchases is True
    assert confirmed.next_check_at is None
    event = AuditEvent.objects.order_by("seq").last()
    assert event is not None
    assert (event.event, event.details) == (
        "organization.confirmed",
        {"from": "pending", "to": "confirmed", "reason": ""},
    )
    assert list(customers_awaiting_confirmation(region=moscow_admin.region)) == []


def test_admin_of_another_region_cannot_confirm(customer, tyumen):
    other = User.objects.create_user(
        username="r72", password="x", role=UserRole.REGIONAL_ADMIN, region=tyumen
    )
    with pytest.raises(PermissionDenied):
        organization_confirm(organization=customer, actor=other)
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.PENDING


def test_supplier_cannot_confirm(customer):
    supplier = organization_register(data=supplier_data(), person=person()).members.get()
    with pytest.raises(PermissionDenied):
        organization_confirm(organization=customer, actor=supplier)


def test_rejection_needs_a_reason_and_can_be_reversed(customer, moscow_admin):
    with pytest.raises(ValidationFailed) as exc:
        organization_reject(organization=customer, actor=moscow_admin, reason=" ")
    assert exc.value.errors == {"reason": "Укажите причину отказа"}
    rejected = organization_reject(
        organization=customer, actor=moscow_admin, reason="Нет полномочий заказчика"
    )
    assert (rejected.status, rejected.status_reason) == (
        OrganizationStatus.REJECTED,
        "Нет полномочий заказчика",
    )
    assert (
        organization_confirm(organization=rejected, actor=moscow_admin).status == OrganizationStatus.CONFIRMED
    )


def test_confirming_twice_is_an_invalid_transition(customer, moscow_admin):
    organization_confirm(organization=customer, actor=moscow_admin)
    count = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition) as exc:
        organization_confirm(organization=customer, actor=moscow_admin)
    assert exc.value.message == "Организация: переход «Подтверждена» → «Подтверждена» недопустим"
    assert AuditEvent.objects.count() == count


def test_platform_admin_adds_a_region_in_its_time_zone(platform_admin):
    region = region_create(
        code="41", name="", timezone="Asia/Kamchatka", joined_on=dt.date(2026, 11, 22), actor=platform_admin
    )
    assert (region.code, region.name, region.timezone) == ("41", "Камчатский край", "Asia/Kamchatka")
    assert AuditEvent.objects.get().details == {
        "code": "41",
        "name": "Камчатский край",
        "timezone": "Asia/Kamchatka",
        "joined_on": "2026-11-22",
    }


@pytest.mark.parametrize(
    ("code", "tz", "errors"),
    [
        ("99", "Europe/Moscow", {"code": "Нет субъекта Российской Федерации с кодом «99»"}),
        ("77", "Europe/Moscow", {"code": "Регион 77 уже подключён"}),
        ("50", "Europe/Berlin", {"timezone": "Выберите часовой пояс России из списка"}),
    ],
)
def test_bad_region_is_refused(platform_admin, moscow, code, tz, errors):
    before = Region.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        region_create(code=code, name="", timezone=tz, joined_on=dt.date(2026, 11, 22), actor=platform_admin)
    assert exc.value.errors == errors
    assert Region.objects.count() == before


def test_only_platform_admin_adds_regions(moscow_admin):
    with pytest.raises(PermissionDenied):
        region_create(
            code="50", name="", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 1), actor=moscow_admin
        )


def test_regional_admin_changes_settings_and_the_journal_shows_the_diff(moscow, moscow_admin):
    region = region_update_settings(
        region=moscow,
        actor=moscow_admin,
        changes={"authority_name": "Департамент города Москвы по конкурентной политике"},
    )
    assert region.authority_name == "Департамент города Москвы по конкурентной политике"
    assert AuditEvent.objects.get().details == {
        "authority_name": {"from": "", "to": "Департамент города Москвы по конкурентной политике"}
    }


def test_regional_admin_cannot_change_another_region(tyumen, moscow_admin):
    with pytest.raises(PermissionDenied):
        region_update_settings(region=tyumen, actor=moscow_admin, changes={"name": "X"})


def test_lists_are_in_russian_alphabetical_order(moscow, tyumen):
    Region.objects.create(
        code="79",
        name="Еврейская автономная область",
        timezone="Asia/Vladivostok",
        joined_on=dt.date(2026, 1, 1),
    )
    Region.objects.create(
        code="76", name="Ярославская область", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 1)
    )
    assert [r.name for r in region_list()] == [
        "Еврейская автономная область",
        "Москва",
        "Тюменская область",
        "Ярославская область",
    ]


def test_public_list_hides_unconfirmed_customers(moscow):
    organization_register(data=customer_data(), person=person("school"))
    supplier = organization_register(data=supplier_data(), person=person())
    assert list(organization_public_list(region=moscow)) == [supplier]
