import gc

import pytest
from django.core.signals import request_finished

from zakupki.core.warm_heap import freeze_heap_when_warm


def test_the_heap_is_frozen_once_after_the_given_number_of_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[int] = []
    freezes: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(len(sent)))
    receivers = len(request_finished.receivers)
    freeze_heap_when_warm(after_requests=3)

    for n in range(1, 7):
        sent.append(n)
        request_finished.send(sender=None)

    assert freezes == [3]
    assert len(request_finished.receivers) == receivers  # it let go of the signal after freezing
