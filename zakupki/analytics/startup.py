"""Start-up validation of the methodology files (called from AnalyticsConfig.ready())."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

from zakupki.analytics.errors import MethodologyFileError
from zakupki.analytics.methodology import get_methodologies, reset_methodologies

CHECK_COMMAND = "methodology_check"


def load_methodologies_at_startup(argv: Sequence[str] | None = None) -> None:
    reset_methodologies()
    try:
        get_methodologies()
    except MethodologyFileError as exc:
        reset_methodologies()
        # `methodology_check` must start with broken files to report them as one line with exit code 2.
        args = sys.argv if argv is None else argv
        if len(args) > 1 and args[1] == CHECK_COMMAND:
            return
        raise ImproperlyConfigured(str(exc)) from exc
