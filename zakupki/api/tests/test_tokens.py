"""Personal API tokens and who the caller is."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.accounts.models import ApiToken
from zakupki.api.tests import factories
from zakupki.api.tests.helpers import API, as_user, bearer, error, errors, get, post, token_for

UNAUTHORIZED = errors(error("Требуется вход или API-токен", code="unauthorized"))


@pytest.mark.django_db
def test_session_user_creates_a_token_and_sees_the_key_once():
    owner = factories.member_of(factories.organization())
    client = Client()
    client.force_login(owner)

    created = post(client, "/auth/tokens", {"name": "Выгрузка в 1С"})
    listed = get(client, "/auth/tokens")

    assert created.status_code == 201
    body = created.json()
    token = ApiToken.objects.get(user=owner)
    assert body["key"].startswith("zk_")
    assert body == {
        "id": token.pk,
        "name": "Выгрузка в 1С",
        "prefix": body["key"][:11],
        "created_at": body["created_at"],
        "expires_at": None,
        "last_used_at": None,
        "revoked_at": None,
        "key": body["key"],
    }
    assert listed.status_code == 200
    assert [sorted(item) for item in listed.json()] == [
        ["created_at", "expires_at", "id", "last_used_at", "name", "prefix", "revoked_at"]
    ]
    assert body["key"] not in listed.content.decode()


@pytest.mark.django_db
def test_token_authenticates_and_me_describes_the_user():
    org = factories.organization(name="Общество «Ромашка»", short_name="ООО «Ромашка»")
    owner = factories.member_of(org, username="romashka", full_name="Петров Пётр Петрович")

    response = get(Client(), "/me", bearer(token_for(owner)))

    assert response.status_code == 200
    assert response.json() == {
        "username": "romashka",
        "full_name": "Петров Пётр Петрович",
        "role": "supplier",
        "organization": {
            "id": org.pk,
            "name": "Общество «Ромашка»",
            "kind": "supplier",
            "status": "confirmed",
        },
        "region": {"code": "77", "name": "Москва"},
    }


@pytest.mark.django_db
def test_revoked_token_is_refused():
    owner = factories.user(username="ivanov")
    raw = token_for(owner)
    token = ApiToken.objects.get(user=owner)

    revoked = Client().delete(f"{API}/auth/tokens/{token.pk}", headers=bearer(raw))
    after = get(Client(), "/me", bearer(raw))

    assert revoked.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert after.status_code == 401
    assert after.json() == UNAUTHORIZED


@pytest.mark.django_db
def test_unknown_or_malformed_token_is_refused():
    unknown = get(Client(), "/me", bearer("zk_" + "x" * 43))
    not_ours = get(Client(), "/me", {"Authorization": "Token abc"})

    assert unknown.status_code == 401
    assert unknown.json() == UNAUTHORIZED
    assert not_ours.status_code == 401


@pytest.mark.django_db
def test_expired_token_is_refused():
    owner = factories.user()
    raw = token_for(owner)
    ApiToken.objects.filter(user=owner).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = get(Client(), "/me", bearer(raw))

    assert response.status_code == 401


@pytest.mark.django_db
def test_cannot_revoke_another_users_token():
    org_a = factories.organization()
    org_b = factories.organization()
    user_a = factories.member_of(org_a)
    user_b = factories.member_of(org_b)
    token_for(user_b)
    token_b = ApiToken.objects.get(user=user_b)

    response = Client().delete(f"{API}/auth/tokens/{token_b.pk}", headers=as_user(user_a))

    assert response.status_code == 404
    assert response.json() == errors(error("Токен не найден", code="not_found"))
    token_b.refresh_from_db()
    assert token_b.revoked_at is None


@pytest.mark.django_db
def test_token_list_shows_only_own_tokens():
    user_a = factories.user()
    user_b = factories.user()
    token_for(user_a, "первый")
    token_for(user_b, "чужой")

    response = get(Client(), "/auth/tokens", as_user(user_a))

    assert [item["name"] for item in response.json()] == ["скрипт", "первый"]


@pytest.mark.django_db
def test_token_expiry_must_carry_an_offset_and_lie_ahead():
    owner = factories.user()
    headers = as_user(owner)

    naive = post(Client(), "/auth/tokens", {"name": "ночной", "expires_at": "2030-01-01T00:00:00"}, headers)
    past = post(
        Client(), "/auth/tokens", {"name": "ночной", "expires_at": "2020-01-01T00:00:00+03:00"}, headers
    )
    blank = post(Client(), "/auth/tokens", {"name": "  "}, headers)

    assert naive.status_code == 422
    assert naive.json() == errors(error("Укажите смещение от UTC, например +03:00", "expires_at"))
    assert past.status_code == 422
    assert past.json() == errors(error("Срок действия должен быть в будущем", "expires_at"))
    assert blank.json() == errors(error("Укажите название токена", "name"))
    assert ApiToken.objects.filter(user=owner).count() == 1
