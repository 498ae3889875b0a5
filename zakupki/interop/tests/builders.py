"""Synthetic EIS documents for the tests: small `contractProcedure` exports built from parameters.

They follow the element structure of the real January 2018 files in ../shared/data/eis (schemeVersion 7.5):
root `export` in the export namespace, nested types in the default types namespace."""

from __future__ import annotations

from pathlib import Path

EXPORT_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<ns2:export xmlns="http://zakupki.gov.ru/oos/types/1" xmlns:ns2="http://zakupki.gov.ru/oos/export/1">\n'
)
EXPORT_CLOSE = "</ns2:export>\n"
FIXTURES = Path(__file__).parent / "fixtures"
CONTRACT_XML = FIXTURES / "contract_2790100900118000001.xml"


def payment(*, number: str, date: str, paid: str) -> str:
    return (
        f"<execution><payDoc><documentName>Платежное поручение</documentName><documentDate>{date}</documentDate>"
        f"<documentNum>{number}</documentNum></payDoc><currency><code>RUB</code></currency>"
        f"<paid>{paid}</paid><paidRUR>{paid}</paidRUR><paidVAT>0.00</paidVAT></execution>"
    )


def acceptance(*, number: str, date: str) -> str:
    return (
        f"<execution><docExecution><code>01</code><name>Товарная накладная</name><documentDate>{date}</documentDate>"
        f"<documentNum>{number}</documentNum></docExecution><currency><code>RUB</code></currency>"
        "<paid>0.00</paid></execution>"
    )


def procedure(
    *,
    reg_num: str = "2790000000018000001",
    version: int = 0,
    ordinal: int | None = 1,
    published: str = "2018-01-16T17:53:46.257+10:00",
    executions: str = "",
    extra: str = "",
    eis_id: str = "1",
) -> str:
    """One `contractProcedure` element (without the export wrapper)."""
    body = ""
    if ordinal is not None:
        body = (
            f"<executions><stage><endDate>2018-01-31</endDate></stage><ordinalNumber>{ordinal}</ordinalNumber>"
            f"<finalStageExecution>false</finalStageExecution>{executions}</executions>"
        )
    reg = f"<regNum>{reg_num}</regNum>" if reg_num else ""
    return (
        f'<ns2:contractProcedure schemeVersion="7.5"><id>{eis_id}</id>{reg}<publishDate>{published}</publishDate>'
        f"<versionNumber>{version}</versionNumber>{body}{extra}<currentContractStage>E</currentContractStage>"
        "</ns2:contractProcedure>\n"
    )


def export(*documents: str) -> str:
    return EXPORT_OPEN + "".join(documents) + EXPORT_CLOSE


def write(path: Path, *documents: str) -> Path:
    path.write_text(export(*documents), encoding="utf-8")
    return path
