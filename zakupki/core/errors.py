"""Domain errors. Every door (pages, API, CLI) maps them to its own form of a clear Russian message."""

from __future__ import annotations


class DomainError(Exception):
    """A refused domain operation. `field` names the input at fault, when there is one."""

    code = "domain_error"
    http_status = 400

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class ValidationFailed(DomainError):
    """Several field errors at once (a form, a registration)."""

    code = "invalid"
    http_status = 422

    def __init__(self, errors: dict[str, str]) -> None:
        first = next(iter(errors.values()), "Неверные данные")
        super().__init__(first, field=next(iter(errors), None))
        self.errors = errors


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    http_status = 403


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class InvalidTransition(Conflict):
    code = "invalid_transition"
