"""`manage.py run_worker [--once] [--interval SECONDS]`: the deadline runner of architecture rule 9."""

from __future__ import annotations

import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zakupki.worker.loop import install_stop_signals, restore_signals, run_loop
from zakupki.worker.registry import discover_time_events
from zakupki.worker.runner import PassResult, run_pass


class Command(BaseCommand):
    help = "Обрабатывает наступившие сроки (закрытие сессий, таймеры, просрочки)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="один проход и выход")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="пауза между проходами, секунд (по умолчанию 5)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval = float(options["interval"])
        if interval <= 0:
            raise CommandError("Интервал должен быть больше нуля")
        events = discover_time_events()
        if options["once"]:
            self._report(run_pass(events=events), always=True)
            return
        names = ", ".join(e.name for e in events) or "нет"
        self.stdout.write(f"Исполнитель сроков запущен, интервал {interval:g} с; события: {names}")
        stop = threading.Event()
        previous = install_stop_signals(stop)
        try:
            passes = run_loop(
                interval=interval, stop=stop, events=events, on_pass=lambda r: self._report(r, always=False)
            )
        finally:
            restore_signals(previous)
        self.stdout.write(f"Исполнитель сроков остановлен после {passes} проходов")

    def _report(self, result: PassResult, *, always: bool) -> None:
        # In the loop only passes that did something are printed, so an idle demo stays quiet.
        if not (always or result.handled or result.failed or result.stuck):
            return
        self.stdout.write(f"обработано событий: {result.handled}")
        if result.failed:
            self.stderr.write(f"ошибок: {result.failed} (строки остались к повторной обработке)")
        if result.stuck:
            self.stderr.write(f"обработчик не сдвинул срок: {result.stuck}")
