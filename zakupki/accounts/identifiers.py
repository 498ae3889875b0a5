"""ИНН, КПП, ОГРН and ОГРНИП: normalisation and checksum validation with Russian messages.

python-stdnum checks ИНН and 13-digit ОГРН. For the 15-digit ОГРНИП it computes the check digit as
`int(first 14) % 13` without the final `% 10`, so valid numbers whose remainder is 10 are rejected
(e.g. 304500116000180); we compute ОГРНИП ourselves. КПП has no checksum: we check its shape.
"""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn


class IdentifierError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


_KPP_RE = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")


def _is_ascii_digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def clean_inn(value: str) -> str:
    number = _digits(value)
    if not number:
        raise IdentifierError("inn", "Укажите ИНН")
    if not _is_ascii_digits(number):
        raise IdentifierError("inn", "ИНН должен состоять только из цифр")
    if len(number) not in (10, 12):
        raise IdentifierError("inn", "ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП)")
    try:
        stdnum_inn.validate(number)
    except StdnumError as exc:
        raise IdentifierError("inn", "Неверная контрольная сумма ИНН: проверьте номер") from exc
    return number


def clean_kpp(value: str) -> str:
    kpp = _digits(value).upper()
    if not kpp:
        raise IdentifierError("kpp", "Укажите КПП: он обязателен для организации")
    if not _KPP_RE.match(kpp):
        raise IdentifierError(
            "kpp",
            "КПП должен состоять из 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры",
        )
    return kpp


def ogrnip_check_digit(first14: str) -> int:
    return int(first14) % 13 % 10


def clean_ogrn(value: str, *, individual: bool) -> str:
    """ОГРН (13 digits) for legal entities, ОГРНИП (15 digits) for individual entrepreneurs."""
    number = _digits(value)
    label = "ОГРНИП" if individual else "ОГРН"
    if not number:
        raise IdentifierError("ogrn", f"Укажите {label}")
    if not _is_ascii_digits(number):
        raise IdentifierError("ogrn", f"{label} должен состоять только из цифр")
    if individual:
        if len(number) != 15:
            raise IdentifierError("ogrn", "ОГРНИП должен содержать 15 цифр")
        if number[0] not in "34":
            raise IdentifierError("ogrn", "ОГРНИП должен начинаться с цифры 3 или 4")
        if ogrnip_check_digit(number[:14]) != int(number[14]):
            raise IdentifierError("ogrn", "Неверная контрольная сумма ОГРНИП: проверьте номер")
        return number
    if len(number) != 13:
        raise IdentifierError("ogrn", "ОГРН должен содержать 13 цифр")
    if number[0] not in "1259":
        raise IdentifierError("ogrn", "ОГРН организации должен начинаться с цифры 1, 2, 5 или 9")
    try:
        stdnum_ogrn.validate(number)
    except StdnumError as exc:
        raise IdentifierError("ogrn", "Неверная контрольная сумма ОГРН: проверьте номер") from exc
    return number


def inn_is_individual(inn: str) -> bool:
    return len(inn) == 12


# Generators for demo data and tests: valid numbers with correct check digits.
_INN10_W = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_W1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_W2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def make_inn(body: str) -> str:
    """9 digits -> legal-entity ИНН; 10 digits -> individual ИНН."""
    if len(body) == 9:
        return body + str(_weighted(body, _INN10_W))
    if len(body) == 10:
        d11 = str(_weighted(body, _INN12_W1))
        return body + d11 + str(_weighted(body + d11, _INN12_W2))
    raise ValueError("body must have 9 or 10 digits")


def make_ogrn(body: str) -> str:
    """12 digits -> ОГРН; 14 digits -> ОГРНИП."""
    if len(body) == 12:
        return body + str(int(body) % 11 % 10)
    if len(body) == 14:
        return body + str(ogrnip_check_digit(body))
    raise ValueError("body must have 12 or 14 digits")
