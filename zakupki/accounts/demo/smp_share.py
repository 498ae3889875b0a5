"""Demo data for СГОЗ, К7 and К8 (docs/analytics/k7_k8.md), for the Moscow demo customer: an SMP subcontract
reported by the supplier of the two-stage contract (whose payment plan spans two years), and two EIS
contracts signed last year and paid partly this year, imported through the real EIS importer from a small
export written on the fly: a competitive one (П of this year) and a single-supplier one (excluded)."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from zakupki.accounts.identifiers import make_inn
from zakupki.accounts.models import Organization, User
from zakupki.contracts.models import Contract
from zakupki.contracts.services import contract_subcontract_add
from zakupki.core.money import round_money
from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.services.eis_import import eis_import

SUBCONTRACTOR_INN = make_inn("770900451")

_CONTRACT = """
  <ns2:contract schemeVersion="7.5">
    <oos:id>{eis_id}</oos:id>
    <oos:regNum>{reg_num}</oos:regNum>
    <oos:number>{number}</oos:number>
    <oos:publishDate>{signed}T10:00:00.000+03:00</oos:publishDate>
    <oos:signDate>{signed}</oos:signDate>
    <oos:versionNumber>0</oos:versionNumber>
    <oos:foundation><oos:fcsOrder><oos:order>
      <oos:notificationNumber>{notice}</oos:notificationNumber>
      <oos:placing>{placing}</oos:placing>
    </oos:order></oos:fcsOrder></oos:foundation>
    <oos:customer>
      <oos:regNum>03731000001</oos:regNum>
      <oos:fullName>{customer_name}</oos:fullName>
      <oos:inn>{customer_inn}</oos:inn>
      <oos:kpp>{customer_kpp}</oos:kpp>
    </oos:customer>
    <oos:priceInfo><oos:price>{price}</oos:price><oos:currency><oos:code>RUB</oos:code></oos:currency></oos:priceInfo>
    <oos:finances>{finances}</oos:finances>
    <oos:suppliers><oos:supplier>
      <oos:participantType>U</oos:participantType>
      <oos:legalEntityRF>
        <oos:fullName>{supplier_name}</oos:fullName>
        <oos:INN>{supplier_inn}</oos:INN>
        <oos:KPP>770901001</oos:KPP>
      </oos:legalEntityRF>
      <oos:isSMP>false</oos:isSMP>
    </oos:supplier></oos:suppliers>
    <oos:currentContractStage>E</oos:currentContractStage>
  </ns2:contract>"""


def _finances(by_year: dict[int, Decimal]) -> str:
    return "".join(
        f"<oos:budgetary><oos:month>12</oos:month><oos:year>{year}</oos:year><oos:KBK>0</oos:KBK>"
        f"<oos:price>{amount}</oos:price></oos:budgetary>"
        for year, amount in sorted(by_year.items())
    )


def _eis_export(customer: Organization, today: dt.date) -> str:
    last = today.year - 1
    signed = dt.date(last, 11, 16).isoformat()
    rows = [
        # competitive (electronic auction), 40% paid last year, 60% this year: П of this year
        ("EA44", "1250000.00", {last: Decimal("500000.00"), today.year: Decimal("750000.00")}, 1),
        # single supplier, paid wholly this year: excluded from the К7 base (ч.1.1 ст.30)
        ("EP44", "300000.00", {today.year: Decimal("300000.00")}, 2),
    ]
    documents = [
        _CONTRACT.format(
            eis_id=f"9{last % 100:02d}0000{n}",
            reg_num=f"2{customer.region.code}01000000{last % 100:02d}00000{n}",
            number=f"{n}-{last}",
            signed=signed,
            notice=f"0173200000{last % 100:02d}10000{n}"[:19],
            placing=placing,
            customer_name=customer.name,
            customer_inn=customer.inn,
            customer_kpp=customer.kpp,
            price=price,
            finances=_finances(by_year),
            supplier_name=f"ООО «Подрядчик ЕИС-{n}»",
            supplier_inn=make_inn(f"77090046{n}"),
        )
        for placing, price, by_year, n in rows
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ns2:export xmlns:oos="http://zakupki.gov.ru/oos/types/1" xmlns:ns2="http://zakupki.gov.ru/oos/export/1">'
        + "".join(documents)
        + "\n</ns2:export>\n"
    )


def load_demo_smp_share(*, customer: User, staged: Contract, supplier_user: User, today: dt.date) -> None:
    contract_subcontract_add(
        contract=staged,
        actor=supplier_user,
        subcontractor_inn=SUBCONTRACTOR_INN,
        subcontractor_name="ООО «Малая типография»",
        subcontractor_is_smp=True,
        amount=round_money(staged.price * Decimal("0.3")),
        concluded_on=today,
    )
    organization = customer.organization
    if organization is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contracts_demo.xml"
        path.write_text(_eis_export(organization, today), encoding="utf-8")
        report = eis_import(sources=collect_sources([path]), actor=None)
    if report.rejected:  # the demo export is ours: a rejection is a bug here, not bad data
        raise RuntimeError(f"демо-выгрузка ЕИС не принята: {report.rejected[0].reason}")
