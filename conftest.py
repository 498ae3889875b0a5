"""Test-wide switches: PostgreSQL-only and browser tests skip only outside CI, never when CI=true."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

IN_CI = os.environ.get("CI") == "true"


def _database_is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.hookimpl(trylast=True)  # after `-m` deselection
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("postgres") and not _database_is_postgres():
            if IN_CI:
                raise pytest.UsageError("CI=true but the suite is not running on PostgreSQL")
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://...)"))
        if item.get_closest_marker("browser") and shutil.which("chromium") is None:
            if IN_CI:
                raise pytest.UsageError("CI=true but chromium is not installed (run scripts/system-deps.sh)")
            item.add_marker(pytest.mark.skip(reason="needs Debian's chromium"))


@pytest.fixture
def latest_schema_after() -> Iterator[None]:
    """For tests that migrate backwards and forwards to a given state: put every app back on its latest
    migration afterwards, or the tests after them would run on an old schema."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
