"""The public register and organization cards: who sees the private part."""

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization
from zakupki.api.tests import factories
from zakupki.api.tests.helpers import as_user, error, errors, get

NO_ACCESS = errors(error("Нет доступа к данным этой организации", code="forbidden"))
NOT_FOUND = errors(error("Организация не найдена", code="not_found"))


def public_card(org: Organization) -> dict[str, object]:
    return {
        "id": org.pk,
        "kind": org.kind,
        "status": org.status,
        "name": org.name,
        "short_name": org.short_name,
        "inn": org.inn,
        "kpp": org.kpp,
        "ogrn": org.ogrn,
        "region": {"code": org.region.code, "name": org.region.name},
        "is_smp": org.is_smp,
        "is_sonko": org.is_sonko,
    }


@pytest.mark.django_db
def test_anyone_sees_the_public_card_only():
    org = factories.organization()
    factories.member_of(org)

    response = get(Client(), f"/organizations/{org.pk}")

    assert response.status_code == 200
    assert response.json() == {**public_card(org), "private": None}


@pytest.mark.django_db
def test_a_member_sees_the_private_part():
    org = factories.organization(status_reason="")
    member = factories.member_of(org, username="petrov", full_name="Петров Пётр")

    response = get(Client(), f"/organizations/{org.pk}", as_user(member))

    assert response.status_code == 200
    assert response.json()["private"] == {
        "email": org.email,
        "phone": "+7 495 000-00-00",
        "status_reason": "",
        "status_changed_at": None,
        "confirmation_due_at": None,
        "members": [{"username": "petrov", "full_name": "Петров Пётр", "role": "supplier"}],
    }


@pytest.mark.django_db
def test_a_user_of_another_organization_gets_the_public_card_and_403_on_private():
    org_a = factories.organization()
    org_b = factories.organization()
    user_a = factories.member_of(org_a)
    factories.member_of(org_b)

    card = get(Client(), f"/organizations/{org_b.pk}", as_user(user_a))
    private = get(Client(), f"/organizations/{org_b.pk}/private", as_user(user_a))

    assert card.status_code == 200
    assert card.json() == {**public_card(org_b), "private": None}
    assert private.status_code == 403
    assert private.json() == NO_ACCESS


@pytest.mark.django_db
def test_private_card_needs_a_user():
    org = factories.organization()

    response = get(Client(), f"/organizations/{org.pk}/private")

    assert response.status_code == 401


@pytest.mark.django_db
def test_unconfirmed_organization_is_not_found_for_outsiders_but_visible_to_its_admin():
    pending = factories.organization(kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING)
    outsider = factories.member_of(factories.organization())
    admin = factories.regional_admin(pending.region)

    anonymous = get(Client(), f"/organizations/{pending.pk}")
    other = get(Client(), f"/organizations/{pending.pk}", as_user(outsider))
    regional = get(Client(), f"/organizations/{pending.pk}", as_user(admin))

    assert anonymous.status_code == 404
    assert anonymous.json() == NOT_FOUND
    assert other.status_code == 404
    assert other.json() == NOT_FOUND
    assert regional.status_code == 200
    assert regional.json()["status"] == "pending"
    assert regional.json()["private"]["email"] == pending.email


@pytest.mark.django_db
def test_missing_organization_is_404():
    response = get(Client(), "/organizations/987654")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


@pytest.mark.django_db
def test_register_lists_confirmed_organizations_in_russian_order_with_filters():
    yolka = factories.organization(name="ООО «Ёлка»")
    arbuz = factories.organization(name="ООО «Арбуз»", kind=OrganizationKind.CUSTOMER)
    factories.organization(name="ООО «Жёлудь»", status=OrganizationStatus.PENDING)
    tyumen = factories.organization(name="ООО «Берёза»", region_code="72")

    everything = get(Client(), "/organizations")
    in_moscow_suppliers = get(Client(), "/organizations", region="77", kind="supplier")
    by_inn = get(Client(), "/organizations", q=tyumen.inn)
    second_page = get(Client(), "/organizations", page=2, page_size=2)

    assert everything.status_code == 200
    assert [item["name"] for item in everything.json()["items"]] == [
        "ООО «Арбуз»",
        "ООО «Берёза»",
        "ООО «Ёлка»",
    ]
    assert everything.json()["count"] == 3
    assert in_moscow_suppliers.json() == {"items": [public_card(yolka)], "count": 1}
    assert [item["id"] for item in by_inn.json()["items"]] == [tyumen.pk]
    assert second_page.json() == {"items": [public_card(yolka)], "count": 3}
    assert arbuz.pk in [item["id"] for item in everything.json()["items"]]


@pytest.mark.django_db
def test_register_filter_by_a_region_not_on_the_platform():
    response = get(Client(), "/organizations", region="99")

    assert response.status_code == 404
    assert response.json() == errors(
        error("Регион с кодом «99» не подключён к платформе", "region", "not_found")
    )
