"""Russian messages for request validation errors (pydantic error types, as ninja reports them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

BODY_PARAM = "payload"  # every router names its JSON body parameter `payload`

DATE_MESSAGE = "Неверный формат даты: ожидается ГГГГ-ММ-ДД"
DATETIME_MESSAGE = "Неверный формат даты и времени: ожидается ISO 8601, например 2026-01-15T10:00:00+03:00"
NUMBER_MESSAGE = "Введите число"
INTEGER_MESSAGE = "Введите целое число"
REQUIRED_MESSAGE = "Обязательное поле"
FALLBACK_MESSAGE = "Неверное значение"

_FIXED: dict[str, str] = {
    "missing": REQUIRED_MESSAGE,
    "date_type": DATE_MESSAGE,
    "date_parsing": DATE_MESSAGE,
    "date_from_datetime_parsing": DATE_MESSAGE,
    "date_from_datetime_inexact": DATE_MESSAGE,
    "datetime_type": DATETIME_MESSAGE,
    "datetime_parsing": DATETIME_MESSAGE,
    "datetime_from_date_parsing": DATETIME_MESSAGE,
    "datetime_object_invalid": DATETIME_MESSAGE,
    "timezone_aware": "Укажите смещение от UTC, например +03:00",
    "int_type": INTEGER_MESSAGE,
    "int_parsing": INTEGER_MESSAGE,
    "int_from_float": INTEGER_MESSAGE,
    "int_parsing_size": "Слишком большое число",
    "float_type": NUMBER_MESSAGE,
    "float_parsing": NUMBER_MESSAGE,
    "decimal_type": NUMBER_MESSAGE,
    "decimal_parsing": NUMBER_MESSAGE,
    "finite_number": NUMBER_MESSAGE,
    "bool_type": "Ожидается логическое значение: true или false",
    "bool_parsing": "Ожидается логическое значение: true или false",
    "string_type": "Ожидается строка",
    "string_unicode": "Ожидается строка",
    "string_pattern_mismatch": "Неверный формат",
    "model_type": "Ожидается объект",
    "model_attributes_type": "Ожидается объект",
    "dict_type": "Ожидается объект",
    "list_type": "Ожидается список",
    "extra_forbidden": "Неизвестное поле",
    "json_invalid": "Неверный JSON",
    "json_type": "Неверный JSON",
    "uuid_type": "Неверный идентификатор",
    "uuid_parsing": "Неверный идентификатор",
    "url_type": "Неверный адрес (URL)",
    "url_parsing": "Неверный адрес (URL)",
    "decimal_max_digits": "Слишком много цифр",
}


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """plural_ru(2, "символ", "символа", "символов") -> "символа"."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _count(n: Any, one: str, few: str, many: str) -> str:
    number = int(n)
    return f"{number} {plural_ru(number, one, few, many)}"


def _with_context(kind: str, ctx: Mapping[str, Any]) -> str | None:
    """Messages that quote a limit from the error context."""
    match kind:
        case "string_too_short":
            return f"Не менее {_count(ctx['min_length'], 'символа', 'символов', 'символов')}"
        case "string_too_long":
            return f"Не более {_count(ctx['max_length'], 'символа', 'символов', 'символов')}"
        case "too_short":
            return f"Не менее {_count(ctx['min_length'], 'элемента', 'элементов', 'элементов')}"
        case "too_long":
            return f"Не более {_count(ctx['max_length'], 'элемента', 'элементов', 'элементов')}"
        case "greater_than":
            return f"Значение должно быть больше {ctx['gt']}"
        case "greater_than_equal":
            return f"Значение должно быть не меньше {ctx['ge']}"
        case "less_than":
            return f"Значение должно быть меньше {ctx['lt']}"
        case "less_than_equal":
            return f"Значение должно быть не больше {ctx['le']}"
        case "decimal_max_places":
            places = _count(ctx["decimal_places"], "знака", "знаков", "знаков")
            return f"Не более {places} после запятой"
        case "literal_error" | "enum":
            expected = str(ctx["expected"]).replace(" or ", " или ")
            return f"Недопустимое значение; допустимо: {expected}"
        case "value_error" | "assertion_error":
            return str(ctx["error"])
    return None


def translate_message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in _FIXED:
        return _FIXED[kind]
    ctx = error.get("ctx") or {}
    try:
        message = _with_context(kind, ctx)
    except (KeyError, TypeError, ValueError):
        message = None
    return message or FALLBACK_MESSAGE


def field_path(loc: Sequence[Any]) -> str | None:
    """("body", "payload", "user", "email") -> "user.email"; ("query", "on") -> "on".

    The source ("body", "query", "path", ...) and the body parameter's own name are not part of the
    field name a client sees. A missing body as a whole has no field."""
    parts = [str(part) for part in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
        if parts and parts[0] == BODY_PARAM:
            parts = parts[1:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or None


def translate_errors(errors: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, str]]:
    """ninja ValidationError.errors -> [(field, Russian message)], one per error, duplicates dropped."""
    seen: set[tuple[str | None, str]] = set()
    result: list[tuple[str | None, str]] = []
    for error in errors:
        field = field_path(error.get("loc", ()))
        message = translate_message(error)
        if field is None and error.get("type") == "missing":
            message = "Передайте тело запроса в формате JSON"
        if (field, message) not in seen:
            seen.add((field, message))
            result.append((field, message))
    return result
