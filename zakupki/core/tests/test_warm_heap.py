import gc

import pytest
from django.dispatch import Signal

from zakupki.core.warm_heap import freeze_heap_when_warm


def test_the_heap_is_frozen_once_after_the_given_number_of_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    # a signal of its own: Django's request_finished also closes database connections
    finished = Signal()
    sent: list[int] = []
    freezes: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(len(sent)))
    freeze_heap_when_warm(after_requests=3, finished_signal=finished)

    for n in range(1, 7):
        sent.append(n)
        finished.send(sender=None)

    assert freezes == [3]
    assert not finished.receivers  # it let go of the signal after freezing
