from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zakupki.documents.services.verification import journal_verify


class Command(BaseCommand):
    help = "Проверяет цепочку хешей журнала событий и называет первое нарушенное событие."

    def handle(self, *args: Any, **options: Any) -> None:
        report = journal_verify()
        if not report.ok:
            raise CommandError(
                f"Журнал нарушен: событие №{report.broken_seq}: {report.reason} "
                f"(проверено целых событий: {report.checked})",
                returncode=1,
            )
        self.stdout.write(f"Журнал цел: проверено событий: {report.checked}")
