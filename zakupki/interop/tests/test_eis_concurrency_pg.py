"""Two importers on PostgreSQL at once: one row per identity, the newest version, nothing rejected."""

import threading

import pytest
from django.db import connection

from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.models import EisDocument, EisExecutionDocument
from zakupki.interop.services.eis_import import eis_import
from zakupki.interop.tests.builders import payment, procedure, write

THREADS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_overlapping_versions_store_each_identity_once(tmp_path):
    # given: 30 reports, each in version 0 and version 1; every thread imports both files
    old = write(
        tmp_path / "old.xml",
        *[
            procedure(
                ordinal=i,
                version=0,
                eis_id=f"{i}0",
                executions=payment(number="0", date="2018-01-10", paid="1.00"),
            )
            for i in range(30)
        ],
    )
    new = write(
        tmp_path / "new.xml",
        *[
            procedure(
                ordinal=i,
                version=1,
                eis_id=f"{i}1",
                published="2018-01-20T10:00:00+03:00",
                executions=payment(number="1", date="2018-01-11", paid="2.00"),
            )
            for i in range(30)
        ],
    )
    start = threading.Barrier(THREADS)
    reports = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(paths):
        try:
            start.wait()
            report = eis_import(sources=collect_sources(paths))
            with lock:
                reports.append(report)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    # when: half the threads read old then new, half new then old
    threads = [
        threading.Thread(target=run, args=([old, new] if n % 2 else [new, old],)) for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then
    assert errors == []
    assert [r.rejected for r in reports] == [[]] * THREADS
    assert sum(r.outcomes["imported"] for r in reports) == 30
    assert EisDocument.objects.count() == 30
    assert set(EisDocument.objects.values_list("version_number", flat=True)) == {1}
    assert sorted(EisExecutionDocument.objects.values_list("number", flat=True)) == ["1"] * 30
