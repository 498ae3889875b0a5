"""One error format for every 4xx (and a 500 that tells nothing about the internals):

{"errors": [{"field": "inn" | null, "code": "invalid", "message": "<Russian text>"}]}
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core import signals
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from zakupki.api.validation import translate_errors
from zakupki.core.errors import DomainError, ValidationFailed

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("zakupki.api")

UNAUTHORIZED_MESSAGE = "Требуется вход или API-токен"
FORBIDDEN_MESSAGE = "Недостаточно прав"
NOT_FOUND_MESSAGE = "Не найдено"
METHOD_NOT_ALLOWED_MESSAGE = "Метод не поддерживается для этого адреса"
PARSE_ERROR_MESSAGE = "Не удалось разобрать тело запроса: ожидается JSON"
CSRF_MESSAGE = "Проверка CSRF не пройдена: передайте заголовок X-CSRFToken или используйте API-токен"
SERVER_ERROR_MESSAGE = "Внутренняя ошибка сервера. Повторите попытку позже"

CODE_FOR_STATUS: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "throttled",
}
MESSAGE_FOR_STATUS: dict[int, str] = {
    400: "Неверный запрос",
    401: UNAUTHORIZED_MESSAGE,
    403: FORBIDDEN_MESSAGE,
    404: NOT_FOUND_MESSAGE,
    405: METHOD_NOT_ALLOWED_MESSAGE,
    409: "Конфликт с текущим состоянием",
    413: "Слишком большой запрос",
    415: "Неподдерживаемый формат запроса",
    422: "Неверные данные",
    429: "Слишком много запросов. Повторите попытку позже",
}
# Messages ninja raises itself, in English, and what a client sees instead.
KNOWN_NINJA_MESSAGES: dict[str, tuple[str, str]] = {
    "Cannot parse request body": ("parse_error", PARSE_ERROR_MESSAGE),
    "CSRF check Failed": ("csrf_failed", CSRF_MESSAGE),
}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

ErrorEntry = dict[str, str | None]


def error_entry(message: str, *, field: str | None = None, code: str = "invalid") -> ErrorEntry:
    return {"field": field, "code": code, "message": message}


def domain_error_entries(exc: DomainError) -> list[ErrorEntry]:
    if isinstance(exc, ValidationFailed) and exc.errors:
        return [error_entry(message, field=field, code=exc.code) for field, message in exc.errors.items()]
    return [error_entry(exc.message, field=exc.field, code=exc.code)]


def http_error_entry(status: int, message: str) -> ErrorEntry:
    """Keeps our own Russian messages; replaces ninja's English ones."""
    if message in KNOWN_NINJA_MESSAGES:
        code, text = KNOWN_NINJA_MESSAGES[message]
        return error_entry(text, code=code)
    code = CODE_FOR_STATUS.get(status, "error")
    if _CYRILLIC.search(message):
        return error_entry(message, code=code)
    return error_entry(MESSAGE_FOR_STATUS.get(status, "Ошибка запроса"), code=code)


@contextmanager
def api_field_names(mapping: Mapping[str, str]) -> Iterator[None]:
    """Renames a service's error fields to the names the endpoint's schema uses
    (registration: the service's "region" is the API's "region_code")."""
    try:
        yield
    except DomainError as exc:
        if isinstance(exc, ValidationFailed):
            exc.errors = {mapping.get(field, field): message for field, message in exc.errors.items()}
        if exc.field is not None:
            exc.field = mapping.get(exc.field, exc.field)
        raise


def _render(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    entries: list[ErrorEntry],
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    response = api.create_response(request, {"errors": entries}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def install_error_handlers(api: NinjaAPI) -> None:
    """Registers the handlers on the api; the most specific exception class wins."""

    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return _render(api, request, exc.http_status, domain_error_entries(exc))

    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        entries = [error_entry(message, field=field) for field, message in translate_errors(exc.errors)]
        return _render(api, request, 422, entries)

    def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        entry = error_entry(UNAUTHORIZED_MESSAGE, code="unauthorized")
        return _render(api, request, 401, [entry], {"WWW-Authenticate": 'Bearer realm="api"'})

    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        headers = {"Retry-After": str(int(exc.wait))} if exc.wait else {}
        return _render(api, request, 429, [http_error_entry(429, "")], headers)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _render(api, request, exc.status_code, [http_error_entry(exc.status_code, exc.message)])

    def on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
        # Django's own 404 messages are English and may name models: never shown.
        return _render(api, request, 404, [error_entry(NOT_FOUND_MESSAGE, code="not_found")])

    def on_django_permission_denied(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
        return _render(api, request, 403, [error_entry(FORBIDDEN_MESSAGE, code="forbidden")])

    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return _render(api, request, 413, [http_error_entry(413, "")])

    def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        logger.warning("Suspicious API request at %s: %s", request.path, type(exc).__name__)
        return _render(api, request, 400, [http_error_entry(400, "")])

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("API error at %s %s", request.method, request.path, exc_info=exc)
        # Lets Django's machinery (error reporting; the test client, which re-raises) see the error.
        signals.got_request_exception.send(sender=None, request=request)
        entry = error_entry(SERVER_ERROR_MESSAGE, code="server_error")
        return _render(api, request, 500, [entry])

    handlers: list[tuple[type[Exception], Any]] = [
        (DomainError, on_domain_error),
        (ValidationError, on_validation_error),
        (AuthenticationError, on_authentication_error),
        (Throttled, on_throttled),
        (HttpError, on_http_error),
        (Http404, on_http404),
        (DjangoPermissionDenied, on_django_permission_denied),
        (RequestDataTooBig, on_too_big),
        (SuspiciousOperation, on_suspicious),
        (Exception, on_unexpected),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
