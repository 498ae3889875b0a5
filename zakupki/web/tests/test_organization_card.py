from __future__ import annotations

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Region
from zakupki.web.tests.factories import OrganizationFactory, member_of, regional_admin


@pytest.mark.django_db
def test_supplier_sees_only_the_public_card_of_another_organization(client: Client, region: Region) -> None:
    other = OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER,
        name="ГБУ «Больница № 3»",
        short_name="",
        email="secret@hospital.ru",
        region=region,
    )
    member_of(other, full_name="Секретов Сергей Сергеевич")
    client.force_login(member_of(OrganizationFactory.create(region=region)))

    response = client.get(f"/organizations/{other.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>ГБУ «Больница № 3»</h1>" in page
    assert f"<dt>ИНН</dt><dd>{other.inn}</dd>" in page
    assert "secret@hospital.ru" not in page
    assert "Секретов Сергей Сергеевич" not in page
    assert "Сотрудники на площадке" not in page


@pytest.mark.django_db
def test_member_sees_contacts_and_colleagues_of_own_organization(client: Client, region: Region) -> None:
    organization = OrganizationFactory.create(
        email="office@romashka.ru", phone="+7 495 111-22-33", region=region
    )
    user = member_of(organization, full_name="Ромашкин Роман Романович")
    client.force_login(user)

    response = client.get(f"/organizations/{organization.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="mailto:office@romashka.ru">office@romashka.ru</a>' in page
    assert "+7 495 111-22-33" in page
    assert "Ромашкин Роман Романович" in page


@pytest.mark.django_db
def test_anonymous_visitor_sees_public_card_without_contacts(client: Client, region: Region) -> None:
    organization = OrganizationFactory.create(email="office@romashka.ru", region=region)

    response = client.get(f"/organizations/{organization.pk}/")

    assert response.status_code == 200
    assert "office@romashka.ru" not in response.content.decode()


@pytest.mark.django_db
def test_unconfirmed_organization_is_not_found_for_outsiders(client: Client, region: Region) -> None:
    pending = OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING, region=region
    )
    client.force_login(member_of(OrganizationFactory.create(region=region)))

    response = client.get(f"/organizations/{pending.pk}/")

    assert response.status_code == 404
    assert "<h1>Страница не найдена</h1>" in response.content.decode()


@pytest.mark.django_db
def test_regional_admin_sees_unconfirmed_organization_of_the_region(client: Client, region: Region) -> None:
    pending = OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER,
        status=OrganizationStatus.PENDING,
        email="wait@school.ru",
        region=region,
    )
    client.force_login(regional_admin(region))

    response = client.get(f"/organizations/{pending.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="badge badge-wait">Ожидает подтверждения</span>' in page
    assert "wait@school.ru" in page


@pytest.mark.django_db
def test_missing_organization_is_a_russian_404(client: Client) -> None:
    response = client.get("/organizations/999999/")

    assert response.status_code == 404
    assert "<h1>Страница не найдена</h1>" in response.content.decode()


@pytest.mark.django_db
def test_registry_lists_confirmed_organizations_in_russian_order(client: Client, region: Region) -> None:
    for name in ("Яхта", "Ёлочка", "Жук", "Альфа"):
        OrganizationFactory.create(name=name, region=region)
    OrganizationFactory.create(
        name="Бета", status=OrganizationStatus.PENDING, kind=OrganizationKind.CUSTOMER, region=region
    )

    response = client.get("/organizations/")

    page = response.content.decode()
    positions = [page.index(f">{name}</a>") for name in ("Альфа", "Ёлочка", "Жук", "Яхта")]
    assert positions == sorted(positions)
    assert ">Бета</a>" not in page
