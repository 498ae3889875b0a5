"""Reads over imported EIS open data, shaped for analytics (savings, SMP share, late and terminated
contracts, penalties). Only current versions are stored, so nothing here filters versions.

A `contract` document and the `contractProcedure` reports of the same contract are joined by the registry
number, not by a foreign key: either may arrive first, or alone (the January 2018 sample has reports only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from zakupki.interop.enums import EisExecutionDocumentKind
from zakupki.interop.models import (
    EisContract,
    EisContractSupplier,
    EisExecution,
    EisExecutionDocument,
    EisPenalty,
    EisTermination,
)

_ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=20, decimal_places=2))


def _total(
    queryset: QuerySet[EisExecutionDocument] | QuerySet[EisPenalty], *, key: str, column: str
) -> Subquery:
    """The sum of `column` over the rows of `queryset` that belong to the outer contract."""
    return Subquery(
        queryset.order_by().values(key).annotate(total=Sum(column)).values("total")[:1],
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )


class ContractFacts(TypedDict):
    supplier_is_smp: bool
    terminated: bool
    executed_late: bool
    paid_amount: Decimal
    penalties_amount: Decimal
    savings: Decimal | None


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    AnnotatedContract = WithAnnotations[EisContract, ContractFacts]


def eis_contracts(*, region_code: str | None = None, year: int | None = None) -> QuerySet[AnnotatedContract]:
    """Imported contracts (by region code of the registry number and sign year), each annotated with:
    `supplier_is_smp` — some supplier is marked СМП/СОНКО; `terminated` — a termination is reported;
    `executed_late` — an acceptance document is dated after the execution end; `paid_amount` — the sum of
    reported payments (rubles where the report gives them); `penalties_amount` — accrued penalties;
    `savings` — НМЦК − price where the НМЦК is known (else None)."""
    contracts = EisContract.objects.all()
    if region_code is not None:
        contracts = contracts.filter(region_code=region_code)
    if year is not None:
        contracts = contracts.filter(sign_date__year=year)
    payments = EisExecutionDocument.objects.filter(
        execution__reg_num=OuterRef("reg_num"), kind=EisExecutionDocumentKind.PAYMENT
    )
    penalties = EisPenalty.objects.filter(reg_num=OuterRef("reg_num"))
    return contracts.annotate(
        supplier_is_smp=Exists(EisContractSupplier.objects.filter(contract=OuterRef("pk"), is_smp=True)),
        terminated=Exists(EisTermination.objects.filter(reg_num=OuterRef("reg_num"))),
        executed_late=Exists(
            EisExecutionDocument.objects.filter(
                execution__reg_num=OuterRef("reg_num"),
                kind=EisExecutionDocumentKind.ACCEPTANCE,
                date__gt=OuterRef("execution_end"),
            )
        ),
        paid_amount=Coalesce(_total(payments, key="execution__reg_num", column="paid"), _ZERO),
        penalties_amount=Coalesce(_total(penalties, key="reg_num", column="amount"), _ZERO),
        savings=F("nmck") - F("price"),
    ).order_by("sign_date", "reg_num")


@dataclass(frozen=True)
class ExecutionTotals:
    """What the execution reports say about one contract, whether or not its `contract` document is here."""

    reg_num: str
    reports: int
    payments: int
    paid: Decimal
    acceptance_documents: int
    final_stage_reported: bool
    terminated: bool
    penalties: Decimal


def eis_execution_totals(*, region_code: str | None = None) -> list[ExecutionTotals]:
    """Per registry number, ordered by it: reports, payment documents and their sum, acceptance documents,
    whether a final stage was reported, whether the contract was terminated, and accrued penalties."""
    executions = EisExecution.objects.all()
    documents = EisExecutionDocument.objects.all()
    terminations = EisTermination.objects.all()
    penalties = EisPenalty.objects.all()
    if region_code is not None:
        executions = executions.filter(document__region_code=region_code)
        documents = documents.filter(execution__document__region_code=region_code)
        terminations = terminations.filter(document__region_code=region_code)
        penalties = penalties.filter(document__region_code=region_code)
    reports: dict[str, Mapping[str, Any]] = {
        row["reg_num"]: row
        for row in executions.order_by()
        .values("reg_num")
        .annotate(
            reports=Count("id"),
            finals=Count("id", filter=Q(final_stage=True)),
        )
    }
    paid: dict[str, Mapping[str, Any]] = {
        row["execution__reg_num"]: row
        for row in documents.order_by()
        .values("execution__reg_num")
        .annotate(
            payments=Count("id", filter=Q(kind=EisExecutionDocumentKind.PAYMENT)),
            paid=Sum("paid", filter=Q(kind=EisExecutionDocumentKind.PAYMENT)),
            acceptances=Count("id", filter=Q(kind=EisExecutionDocumentKind.ACCEPTANCE)),
        )
    }
    terminated = set(terminations.values_list("reg_num", flat=True))
    penalty_sums = dict(
        penalties.order_by().values("reg_num").annotate(total=Sum("amount")).values_list("reg_num", "total")
    )
    reg_nums = sorted(set(reports) | terminated | set(penalty_sums))
    zero = Decimal("0.00")
    return [
        ExecutionTotals(
            reg_num=reg_num,
            reports=reports.get(reg_num, {}).get("reports") or 0,
            payments=paid.get(reg_num, {}).get("payments") or 0,
            paid=paid.get(reg_num, {}).get("paid") or zero,
            acceptance_documents=paid.get(reg_num, {}).get("acceptances") or 0,
            final_stage_reported=bool(reports.get(reg_num, {}).get("finals")),
            terminated=reg_num in terminated,
            penalties=penalty_sums.get(reg_num) or zero,
        )
        for reg_num in reg_nums
    ]


def eis_terminations(*, region_code: str | None = None, year: int | None = None) -> QuerySet[EisTermination]:
    """Reported terminations (by termination year), with reason code and name for grouping."""
    terminations = EisTermination.objects.select_related("document")
    if region_code is not None:
        terminations = terminations.filter(document__region_code=region_code)
    if year is not None:
        terminations = terminations.filter(termination_date__year=year)
    return terminations.order_by("termination_date", "reg_num")


def eis_penalties(*, reg_num: str) -> QuerySet[EisPenalty]:
    """Penalties accrued under one contract, as reported."""
    return EisPenalty.objects.filter(reg_num=reg_num).order_by("document_date", "id")
