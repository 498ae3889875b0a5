"""Storing parsed EIS documents: one transaction per document, newest version wins, a bad document leaves nothing."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction

from zakupki.contracts.enums import SgozExclusion
from zakupki.core.timeutil import now
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.interop.eis.parser import FILE_LEVEL, iter_export
from zakupki.interop.eis.records import ContractDoc, Parsed, ProcedureDoc, Rejected
from zakupki.interop.eis.sources import Source
from zakupki.interop.enums import EisOutcome
from zakupki.interop.models import (
    EisContract,
    EisContractPaymentYear,
    EisContractProduct,
    EisContractSupplier,
    EisDocument,
    EisExecution,
    EisExecutionDocument,
    EisImportRun,
    EisPenalty,
    EisRawDocument,
    EisTermination,
)

if TYPE_CHECKING:
    from zakupki.accounts.models import User

M = TypeVar("M", bound=models.Model)

COMMIT_EVERY = 200

# (sources done, sources total, documents seen so far)
ProgressCallback = Callable[[int, int, int], object]


class _Unstorable(Exception):
    """A parsed value does not fit its column (too long, out of range); Russian reason."""


@dataclass
class EisImportReport:
    sources: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)
    rejected_files: int = 0

    @property
    def documents(self) -> int:
        return sum(self.kinds.values())

    @property
    def changed(self) -> int:
        return self.outcomes[EisOutcome.IMPORTED] + self.outcomes[EisOutcome.UPDATED]

    def as_details(self) -> dict[str, object]:
        return {
            "sources": self.sources,
            "documents": self.documents,
            "kinds": dict(sorted(self.kinds.items())),
            **{outcome.value: self.outcomes[outcome] for outcome in EisOutcome},
            "rejected_files": self.rejected_files,
        }


def _checked(instance: M, *, exclude: Iterable[str] = ()) -> M:
    try:
        instance.clean_fields(exclude=list(exclude))
    except ValidationError as exc:
        reasons = []
        for name, messages in exc.message_dict.items():
            label = getattr(instance._meta.get_field(name), "verbose_name", name)
            reasons.append(f"{label}: {' '.join(messages)}")
        raise _Unstorable("; ".join(reasons)) from exc
    return instance


# EIS placing-way codes of single-supplier purchases (EP44, EPP44 …) begin so.
SINGLE_SUPPLIER_PLACING_PREFIX = "EP"


def eis_sgoz_exclusion(doc: ContractDoc) -> str:
    """Only the single-supplier ground (ч.1.1 ст.30) can be read off a contract document: from its placing
    way (EIS codes `EP…`) or a `foundation/singleCustomer` element. Defence, credit, atomic and closed
    purchases are not marked in the open data we read, so they stay unknown ("")."""
    if doc.single_customer or doc.placing_way.upper().startswith(SINGLE_SUPPLIER_PLACING_PREFIX):
        return SgozExclusion.SINGLE_SUPPLIER.value
    return ""


def eis_payment_years(doc: ContractDoc) -> list[tuple[int, Decimal, bool]]:
    """The document's finance by year when it adds up to the price (the invariant the platform's own plans
    keep); otherwise the whole price in the sign year."""
    if doc.finance_by_year and sum((a for _, a in doc.finance_by_year), Decimal(0)) == doc.price:
        return [(year, amount, True) for year, amount in doc.finance_by_year]
    return [(doc.sign_date.year, doc.price, False)]


def _store_contract(document: EisDocument, doc: ContractDoc) -> None:
    contract = _checked(
        EisContract(
            document=document,
            reg_num=doc.header.reg_num,
            number=doc.number,
            region_code=doc.header.region_code,
            sign_date=doc.sign_date,
            customer_reg_num=doc.customer_reg_num,
            customer_inn=doc.customer_inn,
            customer_kpp=doc.customer_kpp,
            customer_name=doc.customer_name,
            price=doc.price,
            currency=doc.currency,
            nmck=doc.nmck,
            placing_way=doc.placing_way,
            notification_number=doc.notification_number,
            execution_start=doc.execution_start,
            execution_end=doc.execution_end,
            sgoz_exclusion=eis_sgoz_exclusion(doc),
        ),
        exclude=["document", "reg_num"],
    )
    contract.save(force_insert=True)
    EisContractPaymentYear.objects.bulk_create(
        EisContractPaymentYear(contract=contract, year=year, amount=amount, from_document=from_document)
        for year, amount, from_document in eis_payment_years(doc)
    )
    EisContractSupplier.objects.bulk_create(
        _checked(
            EisContractSupplier(
                contract=contract,
                participant_type=s.participant_type,
                inn=s.inn,
                kpp=s.kpp,
                name=s.name,
                is_smp=s.is_smp,
            ),
            exclude=["contract"],
        )
        for s in doc.suppliers
    )
    EisContractProduct.objects.bulk_create(
        _checked(
            EisContractProduct(
                contract=contract,
                name=p.name,
                okpd2_code=p.okpd2_code,
                okei_code=p.okei_code,
                price=p.price,
                quantity=p.quantity,
                amount=p.amount,
            ),
            exclude=["contract"],
        )
        for p in doc.products
    )


def _store_procedure(document: EisDocument, doc: ProcedureDoc) -> None:
    reg_num = doc.header.reg_num
    if doc.execution is not None:
        execution = EisExecution.objects.create(
            document=document,
            reg_num=reg_num,
            ordinal_number=doc.execution.ordinal_number,
            final_stage=doc.execution.final_stage,
            stage_end_date=doc.execution.stage_end_date,
        )
        EisExecutionDocument.objects.bulk_create(
            _checked(
                EisExecutionDocument(
                    execution=execution,
                    kind=d.kind,
                    code=d.code,
                    name=d.name,
                    number=d.number,
                    date=d.date,
                    currency=d.currency,
                    paid=d.paid,
                    paid_rub=d.paid_rub,
                    paid_vat=d.paid_vat,
                    paid_vat_rub=d.paid_vat_rub,
                    improper_execution_text=d.improper_execution_text,
                ),
                exclude=["execution"],
            )
            for d in doc.execution.documents
        )
    if doc.termination is not None:
        t = doc.termination
        _checked(
            EisTermination(
                document=document,
                reg_num=reg_num,
                termination_date=t.termination_date,
                decision_date=t.decision_date,
                reason_code=t.reason_code,
                reason_name=t.reason_name,
                reason_info=t.reason_info,
                paid=t.paid,
                document_code=t.document_code,
                document_name=t.document_name,
                document_date=t.document_date,
                document_number=t.document_number,
            ),
            exclude=["document"],
        ).save(force_insert=True)
    EisPenalty.objects.bulk_create(
        _checked(
            EisPenalty(
                document=document,
                reg_num=reg_num,
                contract_party=p.contract_party,
                penalty_type=p.penalty_type,
                reason_code=p.reason_code,
                reason_name=p.reason_name,
                document_name=p.document_name,
                document_number=p.document_number,
                document_date=p.document_date,
                amount=p.amount,
                currency=p.currency,
            ),
            exclude=["document"],
        )
        for p in doc.penalties
    )


def _apply(parsed: Parsed) -> EisOutcome:
    doc, head = parsed.doc, parsed.doc.header
    with transaction.atomic():
        current = (
            EisDocument.objects.select_for_update()
            .filter(kind=head.kind, reg_num=head.reg_num, part=doc.part)
            .only("id", "version_number", "publish_date")
            .first()
        )
        if current is not None:
            # A version number can repeat with different content (seen in real data: two documents with
            # versionNumber 2 for one report); the later publication wins.
            incoming = (head.version_number, head.publish_date)
            stored = (current.version_number, current.publish_date)
            if incoming == stored:
                return EisOutcome.UNCHANGED
            if incoming < stored:
                return EisOutcome.SUPERSEDED
            current.delete()
        document = _checked(
            EisDocument(
                kind=head.kind,
                reg_num=head.reg_num,
                part=doc.part,
                version_number=head.version_number,
                publish_date=head.publish_date,
                eis_id=head.eis_id,
                current_stage=head.current_stage,
                region_code=head.region_code,
                source=parsed.source[-500:],
                content_sha256=hashlib.sha256(parsed.raw).hexdigest(),
                imported_at=now(),
            )
        )
        document.save(force_insert=True)
        EisRawDocument.objects.create(document=document, xml_zlib=zlib.compress(parsed.raw, 1))
        if isinstance(doc, ContractDoc):
            _store_contract(document, doc)
        else:
            _store_procedure(document, doc)
    return EisOutcome.IMPORTED if current is None else EisOutcome.UPDATED


def eis_document_apply(*, parsed: Parsed) -> EisOutcome:
    """Stores one parsed document atomically: a new identity is imported, a newer version replaces the
    stored one with all its rows, the same or an older version changes nothing. Raises `_Unstorable`."""
    try:
        return _apply(parsed)
    except IntegrityError:
        # Another importer inserted the same identity between our read and our insert; its row is
        # committed now, so deciding again compares against it.
        return _apply(parsed)


def _rejected(parsed: Parsed, reason: str) -> Rejected:
    head = parsed.doc.header
    return Rejected(parsed.source, parsed.position, head.kind, reason, head.reg_num)


def _handle(item: Parsed | Rejected, report: EisImportReport) -> None:
    if isinstance(item, Rejected):
        if item.position == FILE_LEVEL:
            report.rejected_files += 1
        else:
            report.kinds[item.kind] += 1
            report.outcomes[EisOutcome.REJECTED] += 1
        report.rejected.append(item)
        return
    report.kinds[item.doc.header.kind] += 1
    try:
        outcome = eis_document_apply(parsed=item)
    except _Unstorable as exc:
        outcome = EisOutcome.REJECTED
        report.rejected.append(_rejected(item, str(exc)))
    except DatabaseError as exc:
        outcome = EisOutcome.REJECTED
        report.rejected.append(_rejected(item, f"не удалось сохранить: {exc}"))
    report.outcomes[outcome] += 1


def _items(
    sources: list[Source], report: EisImportReport, progress: ProgressCallback | None
) -> Iterator[Parsed | Rejected]:
    for done, source in enumerate(sources, start=1):
        try:
            with source.open() as stream:
                yield from iter_export(stream, source.name)
        except (OSError, zipfile.BadZipFile, zlib.error) as exc:
            # A damaged archive member or an unreadable file: the documents read before the damage stay.
            yield Rejected(source.name, FILE_LEVEL, "", f"не удалось прочитать файл: {exc}")
        if progress is not None:
            progress(done, report.sources, report.documents)


def eis_import(
    *, sources: list[Source], actor: User | None = None, progress: ProgressCallback | None = None
) -> EisImportReport:
    """Imports every document of every source, each in its own savepoint (a bad one leaves nothing and the
    run goes on). Documents commit in batches of `COMMIT_EVERY`: one commit per document would make the
    run fsync-bound; an interrupted run keeps its committed batches and a rerun finishes the rest
    (re-applying a stored version is a no-op). A run that changed something is journaled once, with its
    counts; a run that changed nothing leaves no trace."""
    report = EisImportReport(sources=len(sources))
    items = _items(sources, report, progress)
    exhausted = False
    while not exhausted:
        exhausted = True
        with transaction.atomic():
            for taken, item in enumerate(items, start=1):
                _handle(item, report)
                if taken == COMMIT_EVERY:
                    exhausted = False
                    break
    if report.changed:
        with transaction.atomic():
            run = EisImportRun.objects.create(
                sources=report.sources, counts=report.as_details(), finished_at=now()
            )
            audit_record(actor=actor, event=EventType.EIS_IMPORTED, obj=run, details=report.as_details())
    return report
