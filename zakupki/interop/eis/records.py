"""Parsed EIS documents: plain typed values, no Django. The parser builds them, the import service stores them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ExecutionDocument:
    """One `executions/execution`: a payment (`payDoc`) or an acceptance document (`docExecution`)."""

    kind: str
    code: str
    name: str
    number: str
    date: dt.date | None
    currency: str
    paid: Decimal
    paid_rub: Decimal | None
    paid_vat: Decimal | None
    paid_vat_rub: Decimal | None
    improper_execution_text: str


@dataclass(frozen=True)
class Execution:
    ordinal_number: int
    final_stage: bool
    stage_end_date: dt.date | None
    documents: tuple[ExecutionDocument, ...]


@dataclass(frozen=True)
class Termination:
    termination_date: dt.date
    decision_date: dt.date | None
    reason_code: str
    reason_name: str
    reason_info: str
    paid: Decimal | None
    document_code: str
    document_name: str
    document_date: dt.date | None
    document_number: str


@dataclass(frozen=True)
class Penalty:
    contract_party: str
    penalty_type: str
    reason_code: str
    reason_name: str
    document_name: str
    document_number: str
    document_date: dt.date | None
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class ContractProduct:
    name: str
    okpd2_code: str
    okei_code: str
    price: Decimal | None
    quantity: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class ContractSupplier:
    participant_type: str
    inn: str
    kpp: str
    name: str
    is_smp: bool | None


@dataclass(frozen=True)
class Header:
    """What every EIS document has: its identity and version."""

    kind: str
    eis_id: str
    reg_num: str
    version_number: int
    publish_date: dt.datetime
    current_stage: str

    @property
    def region_code(self) -> str:
        # A contract registry number is «level (1) + region (2) + …»: 1790000104916000053 → 79.
        return self.reg_num[1:3]


@dataclass(frozen=True)
class ContractDoc:
    header: Header
    number: str
    sign_date: dt.date
    customer_reg_num: str
    customer_inn: str
    customer_kpp: str
    customer_name: str
    price: Decimal
    currency: str
    nmck: Decimal | None
    placing_way: str
    notification_number: str
    execution_start: dt.date | None
    execution_end: dt.date | None
    suppliers: tuple[ContractSupplier, ...]
    products: tuple[ContractProduct, ...]
    # (year, amount) from `finances/budgetary|extrabudgetary`, summed by year; empty: the document has none.
    finance_by_year: tuple[tuple[int, Decimal], ...] = ()
    # `foundation/singleCustomer` present: the contract was concluded with a single supplier.
    single_customer: bool = False

    @property
    def part(self) -> str:
        return ""


@dataclass(frozen=True)
class ProcedureDoc:
    header: Header
    execution: Execution | None
    termination: Termination | None
    penalties: tuple[Penalty, ...] = field(default=())

    @property
    def part(self) -> str:
        """A later version corrects the same report: the report is the regNum + its executions/ordinalNumber;
        a termination-only document has no ordinal."""
        return "" if self.execution is None else str(self.execution.ordinal_number)


ParsedDoc = ContractDoc | ProcedureDoc


@dataclass(frozen=True)
class Rejected:
    """A document (or a whole file) that cannot be imported; `reason` is Russian."""

    source: str
    position: int
    kind: str
    reason: str
    reg_num: str = ""


@dataclass(frozen=True)
class Parsed:
    source: str
    position: int
    doc: ParsedDoc
    raw: bytes
