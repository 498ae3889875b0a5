"""Only the regional admin of the organization's region confirms or rejects a customer."""

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization
from zakupki.api.tests import factories
from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.documents.models import AuditEvent


def pending_customer(region_code: str = "77") -> Organization:
    return factories.organization(
        kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING, region_code=region_code
    )


@pytest.mark.django_db
def test_regional_admin_confirms_a_customer_of_the_region():
    customer = pending_customer("77")
    admin = factories.regional_admin(customer.region)

    response = post(Client(), f"/organizations/{customer.pk}/confirm", {}, as_user(admin))

    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.CONFIRMED
    assert AuditEvent.objects.filter(event="organization.confirmed", object_id=str(customer.pk)).count() == 1


@pytest.mark.django_db
def test_supplier_cannot_confirm_a_customer():
    customer = pending_customer("77")
    supplier = factories.member_of(factories.organization())

    response = post(Client(), f"/organizations/{customer.pk}/confirm", {}, as_user(supplier))

    assert response.status_code == 403
    assert response.json() == errors(error("Нет доступа к данным этой организации", code="forbidden"))
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.PENDING


@pytest.mark.django_db
def test_customer_cannot_confirm_itself():
    customer = pending_customer("77")
    member = factories.member_of(customer)

    response = post(Client(), f"/organizations/{customer.pk}/confirm", {}, as_user(member))

    assert response.status_code == 403
    assert response.json() == errors(
        error("Подтверждать организации может только администратор их региона", code="forbidden")
    )
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.PENDING


@pytest.mark.django_db
def test_admin_of_region_72_cannot_confirm_a_customer_in_region_77():
    customer = pending_customer("77")
    tyumen_admin = factories.regional_admin(factories.region("72"))

    response = post(Client(), f"/organizations/{customer.pk}/confirm", {}, as_user(tyumen_admin))

    assert response.status_code == 403
    assert response.json() == errors(error("Нет доступа к данным этой организации", code="forbidden"))
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.PENDING


@pytest.mark.django_db
def test_confirming_twice_is_a_conflict():
    customer = pending_customer("77")
    admin = factories.regional_admin(customer.region)
    assert post(Client(), f"/organizations/{customer.pk}/confirm", {}, as_user(admin)).status_code == 200

    again = post(Client(), f"/organizations/{customer.pk}/confirm", {}, as_user(admin))

    assert again.status_code == 409
    assert again.json() == errors(
        error("Организация: переход «Подтверждена» → «Подтверждена» недопустим", code="invalid_transition")
    )


@pytest.mark.django_db
def test_reject_needs_a_reason_and_records_it():
    customer = pending_customer("77")
    admin = factories.regional_admin(customer.region)

    blank = post(Client(), f"/organizations/{customer.pk}/reject", {"reason": "   "}, as_user(admin))
    missing = post(Client(), f"/organizations/{customer.pk}/reject", {}, as_user(admin))
    rejected = post(
        Client(),
        f"/organizations/{customer.pk}/reject",
        {"reason": "ИНН не совпадает с ЕГРЮЛ"},
        as_user(admin),
    )

    assert blank.status_code == 422
    assert blank.json() == errors(error("Укажите причину отказа", "reason"))
    assert missing.json() == errors(error("Обязательное поле", "reason"))
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["private"]["status_reason"] == "ИНН не совпадает с ЕГРЮЛ"


@pytest.mark.django_db
def test_pending_customers_are_listed_for_the_regional_admin_only():
    customer = pending_customer("77")
    pending_customer("72")
    admin = factories.regional_admin(customer.region)
    tyumen_admin = factories.regional_admin(factories.region("72"))

    own = get(Client(), "/regions/77/pending-customers", as_user(admin))
    foreign = get(Client(), "/regions/77/pending-customers", as_user(tyumen_admin))

    assert own.status_code == 200
    assert [item["id"] for item in own.json()] == [customer.pk]
    assert own.json()[0]["email"] == customer.email
    assert foreign.status_code == 403
    assert foreign.json() == errors(
        error("Список заявок видит только администратор региона", code="forbidden")
    )
