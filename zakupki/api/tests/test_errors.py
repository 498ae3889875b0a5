"""The one error format: request validation, authentication, unknown paths and methods, parse and 500."""

import pytest
from django.http import Http404
from django.test import Client

from zakupki.accounts.models import Region
from zakupki.api.tests.factories import platform_admin
from zakupki.api.tests.helpers import API, as_user, error, errors, get, post

UNAUTHORIZED = errors(error("Требуется вход или API-токен", code="unauthorized"))


@pytest.mark.django_db
def test_no_credentials_is_401_in_the_error_format():
    response = get(Client(), "/me")

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.django_db
def test_unsafe_method_without_credentials_is_401_not_a_csrf_refusal():
    response = post(Client(enforce_csrf_checks=True), "/auth/tokens", {"name": "скрипт"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


@pytest.mark.django_db
def test_request_validation_errors_name_fields_in_russian():
    admin = platform_admin()
    payload = {"code": "78", "timezone": 3, "joined_on": "15.01.2026", "color": "red"}

    response = post(Client(), "/regions", payload, as_user(admin))

    assert response.status_code == 422
    assert response.json() == errors(
        error("Ожидается строка", "timezone"),
        error("Неверный формат даты: ожидается ГГГГ-ММ-ДД", "joined_on"),
        error("Неизвестное поле", "color"),
    )
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_non_numeric_query_parameter():
    response = get(Client(), "/organizations", page="первая")

    assert response.status_code == 422
    assert response.json() == errors(error("Введите целое число", "page"))


@pytest.mark.django_db
def test_missing_body_fields_are_required():
    admin = platform_admin()

    response = post(Client(), "/regions", {"code": "78"}, as_user(admin))

    assert response.status_code == 422
    assert response.json() == errors(
        error("Обязательное поле", "timezone"), error("Обязательное поле", "joined_on")
    )


@pytest.mark.django_db
def test_body_that_is_not_json_is_a_parse_error():
    admin = platform_admin()

    response = Client().post(
        f"{API}/regions", data="{code: 78", content_type="application/json", headers=as_user(admin)
    )

    assert response.status_code == 400
    assert response.json() == errors(
        error("Не удалось разобрать тело запроса: ожидается JSON", code="parse_error")
    )


@pytest.mark.django_db
def test_body_over_the_size_limit_is_413(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    admin = platform_admin()

    response = post(Client(), "/regions", {"code": "78", "authority_name": "я" * 200}, as_user(admin))

    assert response.status_code == 413
    assert response.json() == errors(error("Слишком большой запрос", code="too_large"))
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_unknown_method_is_405_with_allow_header():
    response = Client().delete(f"{API}/regions")

    assert response.status_code == 405
    assert response.json() == errors(
        error("Метод не поддерживается для этого адреса", code="method_not_allowed")
    )
    assert sorted(response["Allow"].split(", ")) == ["GET", "POST"]


@pytest.mark.django_db
def test_unknown_address_under_the_api_is_404_in_the_error_format():
    response = Client().post(f"{API}/no/such/thing", data={})

    assert response.status_code == 404
    assert response.json() == errors(error("Не найдено", code="not_found"))


@pytest.mark.django_db
def test_django_http404_is_mapped_without_its_english_text(monkeypatch):
    def missing(*, code):
        raise Http404("No Region matches the given query.")

    monkeypatch.setattr("zakupki.api.routers.regions.region_get", missing)

    response = get(Client(), "/regions/77")

    assert response.status_code == 404
    assert response.json() == errors(error("Не найдено", code="not_found"))


@pytest.mark.django_db
def test_unexpected_error_is_500_without_internals(monkeypatch):
    def broken():
        raise RuntimeError("password=hunter2 at /srv/zakupki/secret.py line 7")

    monkeypatch.setattr("zakupki.api.routers.journal.journal_verify", broken)
    admin = platform_admin()

    response = get(Client(raise_request_exception=False), "/journal/verify", as_user(admin))

    assert response.status_code == 500
    assert response.json() == errors(
        error("Внутренняя ошибка сервера. Повторите попытку позже", code="server_error")
    )
    assert b"hunter2" not in response.content


@pytest.mark.django_db
def test_signed_in_browser_must_send_the_csrf_token():
    admin = platform_admin()
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    secret = "k" * 32
    client.cookies["csrftoken"] = secret

    refused = post(client, "/auth/tokens", {"name": "скрипт"})
    accepted = post(client, "/auth/tokens", {"name": "скрипт"}, {"X-CSRFToken": secret})

    assert refused.status_code == 403
    assert refused.json() == errors(
        error(
            "Проверка CSRF не пройдена: передайте заголовок X-CSRFToken или используйте API-токен",
            code="csrf_failed",
        )
    )
    assert accepted.status_code == 201


@pytest.mark.django_db
def test_a_token_needs_no_csrf_token():
    admin = platform_admin()

    response = post(Client(enforce_csrf_checks=True), "/auth/tokens", {"name": "скрипт"}, as_user(admin))

    assert response.status_code == 201
