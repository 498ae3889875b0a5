"""Test support shared by the domains' tests (imported only from tests): PostgreSQL races, and this
project's Python run in a child process (settings that must refuse to start, a command's exit code)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from django.db import connection

from zakupki.core.errors import DomainError

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_python(args: Sequence[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """This interpreter on `args` in the project directory with exactly `env`; output captured as text."""
    return subprocess.run(  # noqa: S603 - this interpreter, arguments written in the tests
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def race(
    calls: Sequence[Callable[[], object]], *, refusal: type[DomainError] = DomainError, timeout: float = 60
) -> tuple[list[object], list[str], list[BaseException]]:
    """Starts the calls at the same instant, one thread (and database connection) each.

    Returns (results of the calls that succeeded, messages of the expected refusals, anything else raised):
    an assertion or a crash inside a thread would otherwise be lost, so the caller asserts on the third."""
    start = threading.Barrier(len(calls))
    done: list[object] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            start.wait()
            result = call()
            with lock:
                done.append(result)
        except refusal as exc:
            with lock:
                refused.append(exc.message)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, see above
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return done, refused, errors


# Debian's Chromium in a container: no sandbox, GPU or background services (the browser tests' one setup).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_launch(playwright: Any) -> Any:
    """Debian's Chromium (found on PATH) driven by Playwright."""
    return playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
