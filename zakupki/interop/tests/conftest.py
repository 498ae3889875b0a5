import hashlib
import os
from pathlib import Path

import pytest
from django.apps import apps

SHARED_EIS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "eis"


@pytest.fixture
def eis_dir() -> Path:
    """The real EIS files; skipped only where shared data is absent and we are not in CI."""
    if not SHARED_EIS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {SHARED_EIS} is missing")
        pytest.skip("shared data folder is absent")
    return SHARED_EIS


def interop_snapshot() -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row (all columns, ordered by key) of every interop table."""
    snapshot = {}
    for model in apps.get_app_config("interop").get_models():
        digest = hashlib.sha256()
        rows = model._default_manager.order_by("pk").values_list(
            *[f.attname for f in model._meta.concrete_fields]
        )
        count = 0
        for row in rows:
            digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode())
            count += 1
        snapshot[model.__name__] = (count, digest.hexdigest())
    return snapshot
