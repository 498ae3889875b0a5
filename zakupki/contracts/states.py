"""Contract, stage and acceptance-document lifecycles as explicit tables (architecture rule 7).

Diagram: docs/lifecycles/contract.md. Every status change goes through `check_transition` with one of
these tables; no service assigns a status without it."""

from zakupki.contracts.enums import AcceptanceStatus as A
from zakupki.contracts.enums import ContractStatus as C
from zakupki.contracts.enums import StageStatus as S

CONTRACT_TRANSITIONS: dict[C, frozenset[C]] = {
    C.DRAFT: frozenset({C.SIGNED_BY_SUPPLIER}),
    C.SIGNED_BY_SUPPLIER: frozenset({C.CONCLUDED}),
    C.CONCLUDED: frozenset({C.EXECUTING, C.TERMINATION_PENDING, C.TERMINATED}),
    C.EXECUTING: frozenset({C.EXECUTED, C.TERMINATION_PENDING, C.TERMINATED}),
    # a cured breach cancels the decision: back to where the contract was
    C.TERMINATION_PENDING: frozenset({C.CONCLUDED, C.EXECUTING, C.TERMINATED}),
    C.EXECUTED: frozenset(),
    C.TERMINATED: frozenset(),
}

# Statuses in which the parties still perform (deliver, accept); TERMINATION_PENDING included: the
# contract is in force until the decision takes effect, and the supplier may cure the breach.
CONTRACT_IN_FORCE = frozenset({C.CONCLUDED, C.EXECUTING, C.TERMINATION_PENDING})

STAGE_TRANSITIONS: dict[S, frozenset[S]] = {
    S.PENDING: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset({S.ACCEPTED, S.PARTIALLY_ACCEPTED, S.REFUSED}),
    # the rest of a partly accepted stage, or a corrected document after a refusal, is delivered again
    S.PARTIALLY_ACCEPTED: frozenset({S.DELIVERED}),
    S.REFUSED: frozenset({S.DELIVERED}),
    S.ACCEPTED: frozenset({S.PAID}),
    S.PAID: frozenset(),
}

ACCEPTANCE_TRANSITIONS: dict[A, frozenset[A]] = {
    A.SUBMITTED: frozenset({A.ACCEPTED, A.PARTIALLY_ACCEPTED, A.REFUSED}),
    A.REFUSED: frozenset({A.REPLACED}),
    A.ACCEPTED: frozenset(),
    A.PARTIALLY_ACCEPTED: frozenset(),
    A.REPLACED: frozenset(),
}
