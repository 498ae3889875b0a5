from __future__ import annotations

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.web.tests.factories import OrganizationFactory

SUPPLIER_FORM = {
    "kind": "supplier",
    "inn": "500100732259",
    "kpp": "",
    "ogrn": "304500116000180",
    "name": "Индивидуальный предприниматель Петров Пётр Петрович",
    "short_name": "ИП Петров П. П.",
    "region": "50",
    "is_smp": "on",
    "org_email": "petrov@example.ru",
    "phone": "+7 916 000-00-00",
    "username": "petrov",
    "full_name": "Петров Пётр Петрович",
    "email": "petrov@example.ru",
    "password1": "Kotirovka-2026",
    "password2": "Kotirovka-2026",
}

CUSTOMER_FORM = {
    **SUPPLIER_FORM,
    "kind": "customer",
    "inn": "7707083893",
    "kpp": "770701001",
    "ogrn": "1027700132195",
    "name": "Государственное бюджетное учреждение «Школа № 1»",
    "short_name": "ГБУ «Школа № 1»",
    "is_smp": "",
    "username": "school1",
    "full_name": "Сидорова Анна Ивановна",
    "email": "school1@example.ru",
}


def field_error(html: str, field: str) -> str:
    """The text of the error block the page shows next to a field."""
    marker = f'id="id_{field}_error">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("</div>", start)]


@pytest.mark.django_db
def test_registration_page_lists_connected_regions(client: Client, region: Region) -> None:
    response = client.get("/register/")

    assert response.status_code == 200
    assert '<option value="50">Московская область (50)</option>' in response.content.decode()


@pytest.mark.django_db
def test_supplier_registers_as_individual_entrepreneur_and_is_logged_in(
    client: Client, region: Region
) -> None:
    response = client.post("/register/", SUPPLIER_FORM)

    assert response.status_code == 302
    assert response["Location"] == "/home/"
    organization = Organization.objects.get()
    assert (organization.kind, organization.status) == (
        OrganizationKind.SUPPLIER,
        OrganizationStatus.CONFIRMED,
    )
    assert (organization.inn, organization.kpp, organization.ogrn) == ("500100732259", "", "304500116000180")
    assert organization.name == "Индивидуальный предприниматель Петров Пётр Петрович"
    assert organization.region == region
    assert organization.is_smp is True
    assert organization.is_sonko is False
    assert organization.email == "petrov@example.ru"
    user = User.objects.get()
    assert (user.username, user.role, user.organization) == ("petrov", UserRole.SUPPLIER, organization)
    home = client.get("/home/")
    page = home.content.decode()
    assert home.status_code == 200
    assert "<h1>Личный кабинет поставщика</h1>" in page
    assert "Организация зарегистрирована. Можно участвовать в закупках." in page
    assert "ИП Петров П. П." in page


@pytest.mark.django_db
def test_customer_registers_and_waits_for_regional_admin(client: Client, region: Region) -> None:
    response = client.post("/register/", CUSTOMER_FORM, follow=True)

    assert response.redirect_chain == [("/home/", 302)]
    page = response.content.decode()
    assert "<h1>Личный кабинет заказчика</h1>" in page
    assert (
        '<li class="message message-info">Организация ожидает подтверждения администратором региона</li>'
        in page
    )
    organization = Organization.objects.get()
    assert (organization.kind, organization.status) == (OrganizationKind.CUSTOMER, OrganizationStatus.PENDING)
    assert (organization.inn, organization.kpp, organization.ogrn) == (
        "7707083893",
        "770701001",
        "1027700132195",
    )
    assert organization.confirmation_due_at is not None
    assert User.objects.get().role == UserRole.CUSTOMER


@pytest.mark.django_db
def test_wrong_inn_checksum_is_shown_at_the_inn_field_and_nothing_is_saved(
    client: Client, region: Region
) -> None:
    response = client.post("/register/", {**CUSTOMER_FORM, "inn": "7707083894"})

    assert response.status_code == 400
    page = response.content.decode()
    assert field_error(page, "inn") == "Неверная контрольная сумма ИНН: проверьте номер"
    assert '<a href="#id_inn">ИНН</a>: Неверная контрольная сумма ИНН: проверьте номер' in page
    assert 'value="Государственное бюджетное учреждение «Школа № 1»"' in page  # the input is kept
    assert Organization.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_wrong_ogrnip_checksum_names_the_ogrn_field(client: Client, region: Region) -> None:
    response = client.post("/register/", {**SUPPLIER_FORM, "ogrn": "304500116000181"})

    assert response.status_code == 400
    assert (
        field_error(response.content.decode(), "ogrn") == "Неверная контрольная сумма ОГРНИП: проверьте номер"
    )
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_individual_entrepreneur_with_kpp_is_refused_at_the_kpp_field(client: Client, region: Region) -> None:
    response = client.post("/register/", {**SUPPLIER_FORM, "kpp": "500101001"})

    assert response.status_code == 400
    assert (
        field_error(response.content.decode(), "kpp")
        == "У индивидуального предпринимателя нет КПП: оставьте поле пустым"
    )
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_service_errors_land_on_person_fields(client: Client, region: Region) -> None:
    response = client.post("/register/", {**SUPPLIER_FORM, "password1": "12345678", "password2": "12345678"})

    assert response.status_code == 400
    error = field_error(response.content.decode(), "password1")
    assert "Введённый пароль слишком широко распространён." in error
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_different_passwords_are_refused_by_the_form(client: Client, region: Region) -> None:
    response = client.post("/register/", {**SUPPLIER_FORM, "password2": "Kotirovka-2027"})

    assert response.status_code == 400
    assert field_error(response.content.decode(), "password2") == "Пароли не совпадают"
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_inn_and_kpp_is_refused(client: Client, region: Region) -> None:
    OrganizationFactory.create(inn="7707083893", kpp="770701001", ogrn="1027700132195", region=region)

    response = client.post("/register/", CUSTOMER_FORM)

    assert response.status_code == 400
    assert (
        field_error(response.content.decode(), "inn") == "Организация с таким ИНН и КПП уже зарегистрирована"
    )
    assert Organization.objects.count() == 1
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_registration_post_without_csrf_token_is_refused(region: Region) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/register/", SUPPLIER_FORM)

    assert response.status_code == 403
    assert "<h1>Форма устарела</h1>" in response.content.decode()
    assert Organization.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_registration_post_with_csrf_token_from_the_page_succeeds(region: Region) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/register/")
    token = client.cookies["csrftoken"].value

    response = client.post("/register/", {**SUPPLIER_FORM, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Organization.objects.count() == 1


@pytest.mark.django_db
def test_citizen_registers_and_lands_on_citizen_home(client: Client, region: Region) -> None:
    response = client.post(
        "/register/citizen/",
        {
            "full_name": "Кузнецова Мария Олеговна",
            "region": "50",
            "username": "maria",
            "email": "maria@example.ru",
            "password1": "Grazhdanka-2026",
            "password2": "Grazhdanka-2026",
        },
        follow=True,
    )

    assert response.redirect_chain == [("/home/", 302)]
    assert "<h1>Личный кабинет гражданина</h1>" in response.content.decode()
    user = User.objects.get()
    assert (user.username, user.role, user.region, user.organization) == (
        "maria",
        UserRole.CITIZEN,
        region,
        None,
    )


@pytest.mark.django_db
def test_citizen_registration_with_taken_username_is_refused(client: Client, region: Region) -> None:
    User.objects.create_user(username="maria", password="Grazhdanka-2026")

    response = client.post(
        "/register/citizen/",
        {
            "full_name": "Кузнецова Мария Олеговна",
            "region": "50",
            "username": "Maria",
            "password1": "Grazhdanka-2026",
            "password2": "Grazhdanka-2026",
        },
    )

    assert response.status_code == 400
    assert field_error(response.content.decode(), "username") == "Этот логин уже занят"
    assert User.objects.count() == 1
