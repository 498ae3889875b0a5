"""Start-up validation of every rules data file (called from RulesConfig.ready())."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

from zakupki.rules.calendar import default_calendar, reset_default_calendar
from zakupki.rules.errors import RulesFileError
from zakupki.rules.loader import get_registry, reset_registry

CHECK_COMMAND = "rules_check"


def _is_rules_check(argv: Sequence[str]) -> bool:
    # `manage.py rules_check` must be able to start with broken files: its job is to report them as one
    # line with exit code 2, which it cannot do if start-up has already died with a traceback.
    return len(argv) > 1 and argv[1] == CHECK_COMMAND


def load_rules_at_startup(argv: Sequence[str] | None = None) -> None:
    """Load the parameters and the calendar patch once; refuse to start if any file is broken."""
    reset_registry()
    reset_default_calendar()
    try:
        get_registry()
        default_calendar()
    except RulesFileError as exc:
        reset_registry()
        reset_default_calendar()
        if _is_rules_check(sys.argv if argv is None else argv):
            return
        raise ImproperlyConfigured(str(exc)) from exc
