from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Region, User
from zakupki.rules.calendar import reset_default_calendar
from zakupki.rules.loader import reset_registry

WriteYaml = Callable[[str, str], Path]


@pytest.fixture
def write_yaml(tmp_path: Path) -> WriteYaml:
    """Write a dedented YAML file into tmp_path/<dir> and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


@pytest.fixture
def fresh_rules() -> Iterator[None]:
    """For tests that point settings at another rules directory: forget the caches before and after."""
    reset_registry()
    reset_default_calendar()
    yield
    reset_registry()
    reset_default_calendar()


@pytest.fixture
def moscow() -> Region:
    return Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2024, 1, 1)
    )


@pytest.fixture
def primorye() -> Region:
    return Region.objects.create(
        code="25", name="Приморский край", timezone="Asia/Vladivostok", joined_on=dt.date(2024, 1, 1)
    )


@pytest.fixture
def moscow_admin(moscow: Region) -> User:
    return User.objects.create_user(
        username="admin77",
        password="x-secret-1",
        role=UserRole.REGIONAL_ADMIN,
        region=moscow,
        full_name="Админ Москвы",
    )


@pytest.fixture
def primorye_admin(primorye: Region) -> User:
    return User.objects.create_user(
        username="admin25", password="x-secret-1", role=UserRole.REGIONAL_ADMIN, region=primorye
    )


@pytest.fixture
def platform_admin() -> User:
    return User.objects.create_user(username="root", password="x-secret-1", role=UserRole.PLATFORM_ADMIN)


@pytest.fixture
def citizen(moscow: Region) -> User:
    return User.objects.create_user(
        username="citizen", password="x-secret-1", role=UserRole.CITIZEN, region=moscow
    )
