"""The signal lifecycle as an explicit table (architecture rule 7). Diagram: docs/lifecycles/public_signal.md.

Deadline states (due soon, overdue) are not statuses: `selectors.signal_deadline_state` computes them
at read time from the stored due instants."""

from zakupki.public_signals.enums import AnswerStatus as A
from zakupki.public_signals.enums import SignalStatus as S

SIGNAL_TRANSITIONS: dict[S, frozenset[S]] = {
    S.SUBMITTED: frozenset({S.PUBLISHED, S.REJECTED}),
    S.REJECTED: frozenset(),
    S.PUBLISHED: frozenset({S.ANSWER_PENDING}),
    # a rejected answer puts the signal back to waiting: for the first answer or for the re-answer
    S.ANSWER_PENDING: frozenset({S.ANSWERED, S.PUBLISHED, S.RETURNED}),
    S.ANSWERED: frozenset({S.RATED, S.RETURNED}),
    S.RETURNED: frozenset({S.ANSWER_PENDING}),
    S.RATED: frozenset(),
}

ANSWER_TRANSITIONS: dict[A, frozenset[A]] = {
    A.PENDING: frozenset({A.PUBLISHED, A.REJECTED}),
    A.PUBLISHED: frozenset(),
    A.REJECTED: frozenset(),
}

# Seen by everybody, anonymous visitors included.
PUBLIC_STATUSES = frozenset({S.PUBLISHED, S.ANSWER_PENDING, S.ANSWERED, S.RETURNED, S.RATED})
# The organization owes an answer (the deadline clock runs).
AWAITING_ANSWER = frozenset({S.PUBLISHED, S.RETURNED})
