"""Two people acting on the same signal at once: the row lock lets exactly one of them through."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from zakupki.core.errors import Conflict
from zakupki.core.testing import race as run_race
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.public_signals.enums import RejectReason, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.services import answer_submit, signal_publish, signal_reject
from zakupki.public_signals.tests.factories import customer, moderator, moscow, submitted, user


def race(actions: list[Callable[[], Any]]) -> tuple[int, list[str], list[BaseException]]:
    won, refused, errors = run_race(actions, refusal=Conflict)
    return len(won), refused, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_moderators_publish_and_reject_at_once_one_wins():
    buyer = customer(in_region=moscow())
    signal = submitted(buyer=buyer)
    first, second = moderator(), moderator()

    won, refused, errors = race(
        [
            lambda: signal_publish(signal=signal, moderator=first),
            lambda: signal_reject(signal=signal, moderator=second, reason=RejectReason.DUPLICATE),
        ]
    )

    assert errors == []
    assert won == 1
    signal.refresh_from_db()
    loser = "«Отклонено модератором»" if signal.status == SignalStatus.PUBLISHED else "«Ожидает ответа»"
    assert refused == [f"Сообщение: переход «{SignalStatus(signal.status).label}» → {loser} недопустим"]
    moderation_events = AuditEvent.objects.filter(event__in=["signal.published", "signal.rejected"])
    assert moderation_events.count() == 1
    assert journal_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_employees_answer_at_once_one_answer_is_kept():
    buyer = customer(in_region=moscow())
    signal = signal_publish(signal=submitted(buyer=buyer), moderator=moderator())
    clerks = [user(role="customer", organization=buyer) for _ in range(2)]

    won, refused, errors = race(
        [partial(answer_submit, signal=signal, author=c, text=f"Ответ {c.pk}") for c in clerks]
    )

    assert errors == []
    assert won == 1
    assert refused == ["Сообщение в статусе «Ответ на модерации»: ответ не ожидается"]
    assert SignalAnswer.objects.count() == 1
    assert Signal.objects.get().status == SignalStatus.ANSWER_PENDING
