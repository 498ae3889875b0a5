"""Complaint and order lifecycles as explicit tables (architecture rule 7).

Diagram: docs/lifecycles/complaint.md. Every status change goes through `check_transition` with one of
these tables (see services/_common.py)."""

from zakupki.oversight.enums import ComplaintStatus as C
from zakupki.oversight.enums import OrderStatus as O

COMPLAINT_TRANSITIONS: dict[C, frozenset[C]] = {
    C.FILED: frozenset({C.ACCEPTED, C.RETURNED, C.WITHDRAWN}),
    # a complainant may withdraw until the decision (ч.17 ст.105 44-ФЗ)
    C.ACCEPTED: frozenset({C.DECIDED, C.WITHDRAWN}),
    C.RETURNED: frozenset(),
    C.WITHDRAWN: frozenset(),
    C.DECIDED: frozenset(),
}

ORDER_TRANSITIONS: dict[O, frozenset[O]] = {
    O.ISSUED: frozenset({O.EXECUTED}),
    O.EXECUTED: frozenset(),
}
