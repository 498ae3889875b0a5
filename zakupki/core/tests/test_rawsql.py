"""The precomposed statements' helpers work on the connection wrapper itself, not through the proxy."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from zakupki.accounts.models import Region
from zakupki.core.rawsql import RowShape, hot_cursor, unproxied
from zakupki.web.tests.factories import RegionFactory


def test_the_proxy_gives_the_default_wrapper_and_a_wrapper_gives_itself() -> None:
    wrapper = connections[DEFAULT_DB_ALIAS]
    assert connection is not wrapper  # a proxy
    assert unproxied(connection) is wrapper
    assert unproxied(wrapper) is wrapper


@pytest.mark.django_db
def test_a_row_read_through_the_proxy_is_the_orms_instance() -> None:
    region = RegionFactory.create()
    shape = RowShape(Region, "r")
    with hot_cursor(connection) as cursor:
        sql = f"SELECT {shape.columns(connection)} FROM {shape.table} r WHERE r.id = %s"  # noqa: S608 - column names
        cursor.execute(sql, [region.pk])
        built = shape.build(cursor.fetchone(), 0, connection)
    fresh = Region.objects.get(pk=region.pk)
    assert [getattr(built, f) for f in shape.attnames] == [getattr(fresh, f) for f in shape.attnames]
    assert built._state.db == DEFAULT_DB_ALIAS
