"""One EIS document element → a typed record (`records.py`). Raises `DocumentError` with a Russian reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from zakupki.interop.eis import xml
from zakupki.interop.eis.records import (
    ContractDoc,
    ContractProduct,
    ContractSupplier,
    Execution,
    ExecutionDocument,
    Header,
    ParsedDoc,
    Penalty,
    ProcedureDoc,
    Termination,
)
from zakupki.interop.eis.xml import DocumentError, Element
from zakupki.interop.enums import EisDocumentKind, EisExecutionDocumentKind

# The contract registry number: 19 digits («level, region, customer code, year, ordinal»).
_REG_NUM = re.compile(r"^\d{19}$")


def header(element: Element, kind: str) -> Header:
    reg_num = xml.text(element, "regNum")
    if not reg_num:
        raise DocumentError("нет реестрового номера контракта (regNum)")
    if not _REG_NUM.match(reg_num):
        raise DocumentError(f"реестровый номер «{reg_num}» — не 19 цифр")
    return Header(
        kind=kind,
        eis_id=xml.required_text(element, "id"),
        reg_num=reg_num,
        version_number=xml.integer(element, "versionNumber"),
        publish_date=xml.instant(element, "publishDate"),
        current_stage=xml.text(element, "currentContractStage"),
    )


def _execution_document(element: Element) -> ExecutionDocument:
    pay = xml.child(element, "payDoc")
    acceptance = xml.child(element, "docExecution")
    if (pay is None) == (acceptance is None):
        raise DocumentError("в executions/execution должен быть ровно один из payDoc или docExecution")
    if pay is not None:
        kind, doc, name = EisExecutionDocumentKind.PAYMENT, pay, xml.text(pay, "documentName")
    else:
        kind, doc, name = EisExecutionDocumentKind.ACCEPTANCE, acceptance, xml.text(acceptance, "name")
    return ExecutionDocument(
        kind=kind.value,
        code=xml.text(doc, "code"),
        name=name,
        number=xml.text(doc, "documentNum"),
        date=xml.date(doc, "documentDate"),
        currency=xml.text(element, "currency", "code"),
        paid=xml.required_money(element, "paid"),
        paid_rub=xml.money(element, "paidRUR"),
        paid_vat=xml.money(element, "paidVAT"),
        paid_vat_rub=xml.money(element, "paidVATRUR"),
        improper_execution_text=xml.text(element, "improperExecutionText"),
    )


def _execution(element: Element | None) -> Execution | None:
    if element is None:
        return None
    return Execution(
        ordinal_number=xml.integer(element, "ordinalNumber"),
        final_stage=bool(xml.flag(element, "finalStageExecution")),
        stage_end_date=xml.date(element, "stage", "endDate"),
        documents=tuple(_execution_document(e) for e in xml.children(element, "execution")),
    )


def _termination(element: Element | None) -> Termination | None:
    if element is None:
        return None
    return Termination(
        termination_date=xml.required_date(element, "terminationDate"),
        decision_date=xml.date(element, "decisionDate"),
        reason_code=xml.required_text(element, "reason", "code"),
        reason_name=xml.text(element, "reason", "name"),
        reason_info=xml.text(element, "reasonInfo"),
        paid=xml.money(element, "paid"),
        document_code=xml.text(element, "docTermination", "code"),
        document_name=xml.text(element, "docTermination", "name"),
        document_date=xml.date(element, "docTermination", "documentDate"),
        document_number=xml.text(element, "docTermination", "documentNum"),
    )


def _penalty(element: Element) -> Penalty:
    return Penalty(
        contract_party=xml.text(element, "contractParty"),
        penalty_type=xml.text(element, "penaltyType"),
        reason_code=xml.text(element, "penaltyReason", "code"),
        reason_name=xml.text(element, "penaltyReason", "name"),
        document_name=xml.text(element, "penaltyDocument", "documentName"),
        document_number=xml.text(element, "penaltyDocument", "documentNum"),
        document_date=xml.date(element, "penaltyDocument", "documentDate"),
        amount=xml.required_money(element, "accrualAmount"),
        currency=xml.text(element, "currency", "code"),
    )


def contract_procedure(element: Element) -> ProcedureDoc:
    head = header(element, EisDocumentKind.CONTRACT_PROCEDURE.value)
    doc = ProcedureDoc(
        header=head,
        execution=_execution(xml.child(element, "executions")),
        termination=_termination(xml.child(element, "termination")),
        penalties=tuple(_penalty(e) for e in xml.children(xml.child(element, "penalties"), "penaltyAccrual")),
    )
    if doc.execution is None and doc.termination is None and not doc.penalties:
        raise DocumentError("нет ни executions, ни termination, ни penalties")
    return doc


def _supplier(element: Element) -> ContractSupplier:
    # Schema 7.x nests the party (legalEntityRF / individualPersonRF / legalEntityForeignState);
    # older exports put inn/kpp/organizationName right in `supplier`.
    party = xml.first_child(element, "legalEntityRF", "individualPersonRF", "legalEntityForeignState")
    holder = element if party is None else party
    name = xml.text(xml.first_child(holder, "fullName", "organizationName"))
    if not name and party is not None and xml.local(party.tag) == "individualPersonRF":
        name = " ".join(filter(None, (xml.text(party, p) for p in ("lastName", "firstName", "middleName"))))
    return ContractSupplier(
        participant_type=xml.text(element, "participantType") or xml.local(getattr(party, "tag", "")),
        inn=xml.text(xml.first_child(holder, "INN", "inn")),
        kpp=xml.text(xml.first_child(holder, "KPP", "kpp")),
        name=name,
        is_smp=xml.flag(element, "isSMP"),
    )


def _product(element: Element) -> ContractProduct:
    return ContractProduct(
        name=xml.text(element, "name"),
        okpd2_code=xml.text(xml.first_child(element, "OKPD2", "OKPD"), "code"),
        okei_code=xml.text(element, "OKEI", "code"),
        price=xml.money(element, "price"),
        quantity=xml.quantity(element, "quantity"),
        amount=xml.money(element, "sum"),
    )


def _first_descendant_text(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    for found in element.iter():
        if xml.local(found.tag) == name:
            return xml.text(found) or xml.text(found, "code")
    return ""


FINANCE_ROWS = ("budgetary", "extrabudgetary")


def _finance_by_year(element: Element | None) -> tuple[tuple[int, Decimal], ...]:
    """Sums `finances/budgetary|extrabudgetary` (year, price|sum) by year. Where the real exports put
    finance by year is our reading of the published schema, not checked against a real file (ADR 0007)."""
    if element is None:
        return ()
    years: dict[int, Decimal] = {}
    for row in element.iter():
        if xml.local(row.tag) not in FINANCE_ROWS or not xml.text(row, "year"):
            continue
        year = xml.integer(row, "year")
        amount = xml.money(row, "price") if xml.child(row, "price") is not None else xml.money(row, "sum")
        if amount is None:
            raise DocumentError(f"finances/{xml.local(row.tag)}: нет суммы за {year} год")
        years[year] = years.get(year, Decimal(0)) + amount
    return tuple(sorted(years.items()))


def contract(element: Element) -> ContractDoc:
    head = header(element, EisDocumentKind.CONTRACT.value)
    customer = xml.child(element, "customer")
    if customer is None:
        raise DocumentError("нет элемента customer")
    customer_inn = xml.text(xml.first_child(customer, "inn", "INN"))
    if not customer_inn:
        raise DocumentError("нет ИНН заказчика (customer/inn)")
    price_info = xml.child(element, "priceInfo")
    price_holder = element if price_info is None else price_info
    foundation = xml.child(element, "foundation")
    nmck = _first_descendant_text(foundation, "maxPrice")
    suppliers = tuple(_supplier(e) for e in xml.children(xml.child(element, "suppliers"), "supplier"))
    if not suppliers:
        raise DocumentError("нет элемента suppliers/supplier")
    return ContractDoc(
        header=head,
        number=xml.text(element, "number"),
        sign_date=xml.required_date(element, "signDate"),
        customer_reg_num=xml.text(customer, "regNum"),
        customer_inn=customer_inn,
        customer_kpp=xml.text(xml.first_child(customer, "kpp", "KPP")),
        customer_name=xml.text(customer, "fullName"),
        price=xml.required_money(price_holder, "price"),
        currency=xml.text(price_holder, "currency", "code") or "RUB",
        nmck=xml.to_money(nmck, "foundation/…/maxPrice") if nmck else None,
        placing_way=_first_descendant_text(foundation, "placing"),
        notification_number=_first_descendant_text(foundation, "notificationNumber"),
        execution_start=xml.date(element, "executionPeriod", "startDate"),
        execution_end=xml.date(element, "executionPeriod", "endDate"),
        suppliers=suppliers,
        products=tuple(_product(e) for e in xml.children(xml.child(element, "products"), "product")),
        finance_by_year=_finance_by_year(xml.child(element, "finances")),
        single_customer=xml.child(foundation, "singleCustomer") is not None,
    )


PARSERS: dict[str, Callable[[Element], ParsedDoc]] = {
    EisDocumentKind.CONTRACT.value: contract,
    EisDocumentKind.CONTRACT_PROCEDURE.value: contract_procedure,
}


def parse_document(element: Element, kind: str) -> ParsedDoc:
    return PARSERS[kind](element)
