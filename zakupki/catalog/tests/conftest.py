import os

import pytest

from zakupki.catalog.tests.factories import SHARED_DATA


@pytest.fixture
def portal_xlsx():
    """The real portal file; skipped only where shared data is absent and we are not in CI."""
    path = SHARED_DATA / "portal" / "cte_test.xlsx"
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {path} is missing")
        pytest.skip("shared data folder is absent")
    return path
