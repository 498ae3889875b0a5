"""The streaming parser: typed values, zones kept, bounded memory."""

import datetime as dt
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from zakupki.interop.eis.parser import iter_export
from zakupki.interop.eis.records import ContractDoc, ContractProduct, ContractSupplier, Parsed
from zakupki.interop.tests.builders import CONTRACT_XML, EXPORT_CLOSE, EXPORT_OPEN, payment, procedure


def test_hand_written_contract_fixture_parses_to_typed_values():
    with CONTRACT_XML.open("rb") as stream:
        [item] = list(iter_export(stream, CONTRACT_XML.name))

    assert isinstance(item, Parsed)
    doc = item.doc
    assert isinstance(doc, ContractDoc)
    assert (doc.header.reg_num, doc.header.version_number, doc.header.region_code) == (
        "2790100900118000001",
        0,
        "79",
    )
    assert doc.header.publish_date == dt.datetime(
        2018, 2, 5, 11, 20, tzinfo=dt.timezone(dt.timedelta(hours=10))
    )
    assert (doc.number, doc.sign_date) == ("15-ЭА/2018", dt.date(2018, 2, 2))
    assert (doc.customer_inn, doc.customer_kpp, doc.customer_reg_num) == (
        "7901000010",
        "790101001",
        "03783000063",
    )
    assert (doc.price, doc.nmck, doc.currency) == (Decimal("416720.00"), Decimal("655200.00"), "RUB")
    assert (doc.placing_way, doc.notification_number) == ("EA44", "0178200000217000123")
    assert (doc.execution_start, doc.execution_end) == (dt.date(2018, 2, 2), dt.date(2018, 3, 31))
    assert doc.suppliers == (
        ContractSupplier(
            participant_type="U",
            inn="7901000027",
            kpp="790101001",
            name="ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «БУМАЖНИК»",
            is_smp=True,
        ),
    )
    assert doc.products[1] == ContractProduct(
        name="Тетрадь общая 48 л.",
        okpd2_code="17.23.13.193",
        okei_code="796",
        price=Decimal("52.36"),
        quantity=Decimal("2000"),
        amount=Decimal("104720.00"),
    )
    assert sum(p.amount or 0 for p in doc.products) == doc.price


def test_offsets_are_kept_exact():
    xml = EXPORT_OPEN + procedure(published="2018-01-16T17:53:46.257+10:00") + EXPORT_CLOSE

    [item] = list(iter_export(io.BytesIO(xml.encode()), "x.xml"))

    assert isinstance(item, Parsed)
    assert item.doc.header.publish_date.utcoffset() == dt.timedelta(hours=10)
    assert item.doc.header.publish_date.astimezone(dt.UTC) == dt.datetime(
        2018, 1, 16, 7, 53, 46, 257000, tzinfo=dt.UTC
    )


_CHILD = """
import resource, sys
sys.path.insert(0, sys.argv[2])
from zakupki.interop.eis.parser import iter_export
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(sys.argv[1], "rb") as stream:
    count = sum(1 for _ in iter_export(stream, "big.xml"))
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def _growth_while_streaming(path: Path) -> tuple[int, int]:
    """Documents parsed and the growth of the peak RSS (KiB) in a fresh process: lxml allocates in C, where
    tracemalloc does not look."""
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(  # noqa: S603 — our own interpreter and script
        [sys.executable, "-c", _CHILD, str(path), str(root)], capture_output=True, text=True, check=True
    )
    count, growth = done.stdout.split()
    return int(count), int(growth)


def test_memory_stays_bounded_whatever_the_number_of_documents(tmp_path):
    one = procedure(executions=payment(number="1", date="2018-01-10", paid="1.00") * 40)
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    small.write_text(EXPORT_OPEN + one * 100 + EXPORT_CLOSE, encoding="utf-8")
    large.write_text(EXPORT_OPEN + one * 3_000 + EXPORT_CLOSE, encoding="utf-8")
    assert large.stat().st_size > 30_000_000

    count_small, growth_small = _growth_while_streaming(small)
    count_large, growth_large = _growth_while_streaming(large)

    assert (count_small, count_large) == (100, 3_000)
    # A parser that kept the documents would hold a tree several times the file (measured: +500 MB for
    # 10 000 such documents, 113 MB); ours holds one document at a time.
    assert growth_large - growth_small < 20_000
