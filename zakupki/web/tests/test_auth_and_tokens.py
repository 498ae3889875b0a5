from __future__ import annotations

import pytest
from django.test import Client

from zakupki.accounts.models import ApiToken, Region
from zakupki.accounts.services.tokens import api_token_authenticate
from zakupki.web.tests.factories import PASSWORD, OrganizationFactory, UserFactory, member_of


@pytest.mark.django_db
def test_login_page_is_in_russian(client: Client) -> None:
    page = client.get("/login/").content.decode()

    assert "<h1>Вход</h1>" in page
    assert '<label for="id_username">Логин</label>' in page
    assert 'name="csrfmiddlewaretoken"' in page


@pytest.mark.django_db
def test_login_with_wrong_password_says_so_in_russian(client: Client) -> None:
    UserFactory.create(username="ivanov")

    response = client.post("/login/", {"username": "ivanov", "password": "неверный"})

    assert response.status_code == 200
    assert "Неверный логин или пароль." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_then_logout_by_post(client: Client, region: Region) -> None:
    member_of(OrganizationFactory.create(region=region), username="ivanov")

    login = client.post("/login/", {"username": "ivanov", "password": PASSWORD})
    logout_by_get = client.get("/logout/")
    logout = client.post("/logout/")

    assert (login.status_code, login["Location"]) == (302, "/home/")
    assert logout_by_get.status_code == 405
    assert (logout.status_code, logout["Location"]) == (302, "/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_user_creates_a_token_and_sees_the_key_once(client: Client) -> None:
    user = UserFactory.create()
    client.force_login(user)

    created = client.post("/account/tokens/", {"name": "Бухгалтерия", "expires_on": ""})
    again = client.get("/account/tokens/")

    token = ApiToken.objects.get()
    page = created.content.decode()
    key = page.split('<code class="key" data-testid="new-key">')[1].split("</code>")[0]
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    assert key.startswith(token.prefix)
    assert api_token_authenticate(key) == user
    assert (token.name, token.expires_at, token.revoked_at) == ("Бухгалтерия", None, None)
    assert key not in again.content.decode()
    assert f"<code>{token.prefix}…</code>" in again.content.decode()


@pytest.mark.django_db
def test_token_expiry_date_is_the_end_of_that_day_in_the_user_region(client: Client, region: Region) -> None:
    client.force_login(member_of(OrganizationFactory.create(region=region)))

    client.post("/account/tokens/", {"name": "Склад", "expires_on": "2030-12-31"})

    token = ApiToken.objects.get()
    assert token.expires_at is not None
    assert token.expires_at.isoformat() == "2030-12-31T20:59:59.999999+00:00"


@pytest.mark.django_db
def test_user_revokes_own_token(client: Client) -> None:
    user = UserFactory.create()
    client.force_login(user)
    client.post("/account/tokens/", {"name": "Бухгалтерия"})
    token = ApiToken.objects.get()

    response = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Токен «Бухгалтерия» отозван" in response.content.decode()


@pytest.mark.django_db
def test_user_cannot_revoke_someone_elses_token(client: Client) -> None:
    owner = UserFactory.create()
    client.force_login(owner)
    client.post("/account/tokens/", {"name": "Бухгалтерия"})
    token = ApiToken.objects.get()
    client.force_login(UserFactory.create())

    response = client.post(f"/account/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_token_without_a_name_is_refused(client: Client) -> None:
    client.force_login(UserFactory.create())

    response = client.post("/account/tokens/", {"name": " "})

    assert response.status_code == 400
    assert '<div class="error" id="id_name_error">Укажите название токена</div>' in response.content.decode()
    assert ApiToken.objects.count() == 0
