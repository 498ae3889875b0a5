"""Small generators shared by the demo plan: identifiers, people, phones, unique names."""

from __future__ import annotations

import random
from collections.abc import Callable

from zakupki.accounts.demo import names
from zakupki.accounts.demo.plan import PersonPlan
from zakupki.accounts.identifiers import make_inn, make_ogrn

MAX_TRIES = 1000


class Numbers:
    """Valid, unique identifiers drawn from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _digits(self, count: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(count))

    def _unused(self, make: Callable[[], str]) -> str:
        for _ in range(MAX_TRIES):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise RuntimeError("demo identifiers exhausted")  # pragma: no cover - 10^5 per tax office

    def legal(self, *, office: str, years: tuple[int, int]) -> tuple[str, str, str]:
        """ИНН, КПП and ОГРН of an organization registered with the tax office `office`."""
        inn = self._unused(lambda: make_inn(office + self._digits(5)))
        year = self.rng.randint(*years) % 100
        ogrn = self._unused(lambda: make_ogrn(f"1{year:02d}{office}{self._digits(5)}"))
        return inn, f"{office}01001", ogrn

    def individual(self, *, office: str) -> tuple[str, str]:
        """ИНН and ОГРНИП of an individual entrepreneur."""
        inn = self._unused(lambda: make_inn(office + self._digits(6)))
        year = self.rng.randint(2004, 2024) % 100
        ogrnip = self._unused(lambda: make_ogrn(f"3{year:02d}{office[:2]}{self._digits(9)}"))
        return inn, ogrnip


def unique(used: set[str], make: Callable[[], tuple[str, str]]) -> tuple[str, str]:
    """A (full, short) name pair whose short name is not in `used` yet."""
    for _ in range(MAX_TRIES):
        full, short = make()
        if short not in used:
            used.add(short)
            return full, short
    raise RuntimeError("demo names exhausted: widen the word lists for this scale")


def full_name(rng: random.Random, *, female: bool | None = None) -> tuple[str, str, str]:
    """(surname, name, patronymic), agreeing in gender."""
    if female is None:
        female = rng.random() < 0.5
    surname = rng.choice(names.MALE_SURNAMES)
    patronymic = rng.choice(names.PATRONYMICS)
    if female:
        return surname + "а", rng.choice(names.FEMALE_NAMES), patronymic[1]
    return surname, rng.choice(names.MALE_NAMES), patronymic[0]


def person(rng: random.Random, username: str) -> PersonPlan:
    return PersonPlan(username=username, full_name=" ".join(full_name(rng)))


def phone(rng: random.Random, code: str) -> str:
    """«+7 (495) 123-45-67»: the subscriber number fills the ten digits after +7."""
    rest = "".join(str(rng.randrange(10)) for _ in range(10 - len(code)))
    return f"+7 ({code}) {rest[:-4]}-{rest[-4:-2]}-{rest[-2:]}"
