"""Writes of the signals domain (architecture rule 1)."""

from zakupki.public_signals.services.answers import answer_submit
from zakupki.public_signals.services.moderation import (
    answer_approve,
    answer_reject,
    signal_default_organization,
    signal_publish,
    signal_reject,
)
from zakupki.public_signals.services.municipalities import municipalities_seed
from zakupki.public_signals.services.photos import PhotoUpload
from zakupki.public_signals.services.rating import signal_rate
from zakupki.public_signals.services.submission import signal_submit
from zakupki.public_signals.services.time_events import signal_time_event

__all__ = [
    "PhotoUpload",
    "answer_approve",
    "answer_reject",
    "answer_submit",
    "municipalities_seed",
    "signal_default_organization",
    "signal_publish",
    "signal_rate",
    "signal_reject",
    "signal_submit",
    "signal_time_event",
]
