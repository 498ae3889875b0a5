"""What the import gives СГОЗ and К7: the single-supplier exclusion and the finance by year."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.models import EisContract, EisContractPaymentYear
from zakupki.interop.services.eis_import import eis_import
from zakupki.interop.tests.builders import CONTRACT_XML

pytestmark = pytest.mark.django_db

FINANCES = (
    "<oos:finances><oos:financeSource>budget</oos:financeSource>"
    "<oos:budgetary><oos:month>12</oos:month><oos:year>2018</oos:year><oos:KBK>1</oos:KBK>"
    "<oos:price>{first}</oos:price></oos:budgetary>"
    "<oos:budgetary><oos:month>3</oos:month><oos:year>2019</oos:year><oos:KBK>1</oos:KBK>"
    "<oos:price>100000.00</oos:price></oos:budgetary>"
    "<oos:extrabudgetary><oos:year>2019</oos:year><oos:sum>16720.00</oos:sum></oos:extrabudgetary>"
    "</oos:finances>"
)


def _import(tmp_path: Path, xml: str) -> EisContract:
    path = tmp_path / "contract.xml"
    path.write_text(xml, encoding="utf-8")
    report = eis_import(sources=collect_sources([path]))
    assert report.rejected == []
    return EisContract.objects.get()


def _fixture(*, placing: str = "EA44", finances: str = "") -> str:
    xml = CONTRACT_XML.read_text(encoding="utf-8").replace(
        "<oos:placing>EA44</oos:placing>", f"<oos:placing>{placing}</oos:placing>"
    )
    return xml.replace("<oos:suppliers>", finances + "<oos:suppliers>")


def _years(contract: EisContract) -> list[tuple[int, Decimal, bool]]:
    return list(
        EisContractPaymentYear.objects.filter(contract=contract)
        .order_by("year")
        .values_list("year", "amount", "from_document")
    )


def test_without_finance_data_the_whole_price_is_planned_for_the_sign_year(tmp_path):
    contract = _import(tmp_path, _fixture())
    assert (contract.sign_date, contract.sgoz_exclusion) == (dt.date(2018, 2, 2), "")
    assert _years(contract) == [(2018, Decimal("416720.00"), False)]


def test_finance_by_year_is_read_when_it_adds_up_to_the_price(tmp_path):
    contract = _import(tmp_path, _fixture(finances=FINANCES.format(first="300000.00")))
    # 2019: 100000.00 budgetary + 16720.00 extrabudgetary
    assert _years(contract) == [(2018, Decimal("300000.00"), True), (2019, Decimal("116720.00"), True)]


def test_finance_that_does_not_add_up_falls_back_to_the_sign_year(tmp_path):
    contract = _import(tmp_path, _fixture(finances=FINANCES.format(first="299999.99")))
    assert _years(contract) == [(2018, Decimal("416720.00"), False)]


@pytest.mark.parametrize(
    ("placing", "foundation_extra", "exclusion"),
    [
        ("EP44", "", "single_supplier"),
        ("ep44", "", "single_supplier"),
        ("EA44", "", ""),
        (
            "EA44",
            "<oos:singleCustomer><oos:reason><oos:code>1</oos:code></oos:reason></oos:singleCustomer>",
            "single_supplier",
        ),
    ],
)
def test_single_supplier_purchases_are_marked_excluded(tmp_path, placing, foundation_extra, exclusion):
    xml = _fixture(placing=placing).replace("</oos:foundation>", foundation_extra + "</oos:foundation>")
    assert _import(tmp_path, xml).sgoz_exclusion == exclusion


def test_a_finance_row_without_an_amount_rejects_the_document(tmp_path):
    path = tmp_path / "contract.xml"
    path.write_text(
        _fixture(
            finances="<oos:finances><oos:budgetary><oos:year>2018</oos:year></oos:budgetary></oos:finances>"
        ),
        encoding="utf-8",
    )
    report = eis_import(sources=collect_sources([path]))
    assert [r.reason for r in report.rejected] == ["finances/budgetary: нет суммы за 2018 год"]
    assert not EisContract.objects.exists()
