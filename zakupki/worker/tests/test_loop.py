import signal
import threading

import pytest

from zakupki.worker.loop import install_stop_signals, restore_signals, run_loop
from zakupki.worker.tests.conftest import NOW, make_customer
from zakupki.worker.tests.test_runner import clearing_event


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    # The loop drops stale connections between passes; inside the test's transaction that would close
    # the very connection the test runs on (PostgreSQL), so it is a no-op here.
    monkeypatch.setattr("zakupki.worker.loop.close_old_connections", lambda: None)


@pytest.fixture
def stop():
    event = threading.Event()
    failsafe = threading.Timer(10, event.set)  # a broken loop fails the test instead of hanging it
    failsafe.start()
    yield event
    failsafe.cancel()


def test_loop_runs_passes_until_stopped(region, stop):
    make_customer(region, due_at=NOW)
    seen = []

    def on_pass(result):
        seen.append(result.handled)
        if len(seen) == 2:
            stop.set()

    passes = run_loop(interval=0.01, stop=stop, events=[clearing_event([])], on_pass=on_pass)

    assert passes == 2
    assert seen == [1, 0]


def test_loop_survives_a_failing_pass(db, monkeypatch, stop):
    calls = []

    def flaky_pass(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database restarting")
        stop.set()
        return object()

    monkeypatch.setattr("zakupki.worker.loop.run_pass", flaky_pass)

    assert run_loop(interval=0.01, stop=stop, events=[]) == 1
    assert len(calls) == 2


def test_sigterm_and_sigint_request_a_clean_stop():
    for signum in (signal.SIGTERM, signal.SIGINT):
        stop = threading.Event()
        previous = install_stop_signals(stop)
        try:
            signal.raise_signal(signum)
        finally:
            restore_signals(previous)
        assert stop.is_set()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
