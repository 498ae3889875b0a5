from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zakupki.documents.services.signatures import documents_verify


class Command(BaseCommand):
    help = (
        "Проверяет файлы всех документов по их SHA-256 и все электронные подписи; "
        "называет каждый нарушенный документ."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = documents_verify()
        for problem in report.problems:
            where = f"Документ №{problem.document_id} «{problem.document_title}»"
            if problem.signature_id is not None:
                where += f", подпись №{problem.signature_id}"
            self.stdout.write(f"{where}: {problem.reason}")
        summary = (
            f"проверено документов: {report.documents_checked}, подписей: {report.signatures_checked}, "
            f"нарушений: {len(report.problems)}"
        )
        if not report.ok:
            raise CommandError(f"Документы нарушены: {summary}", returncode=1)
        self.stdout.write(f"Документы целы: {summary}")
