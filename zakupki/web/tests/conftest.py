from __future__ import annotations

import pytest

from zakupki.accounts.models import Region
from zakupki.web.tests.factories import RegionFactory


@pytest.fixture
def region(db: None) -> Region:
    return RegionFactory.create(code="50", name="Московская область", timezone="Europe/Moscow")
