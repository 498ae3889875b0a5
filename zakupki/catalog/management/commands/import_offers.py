"""`manage.py import_offers PATH --supplier-inn ИНН [--user LOGIN] [--format portal-xlsx|csv]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, User
from zakupki.catalog.importers.base import FORMATS, BadFile, guess_format
from zakupki.catalog.importers.offers import import_offers_file
from zakupki.core.errors import DomainError


def _supplier_user(inn: str, username: str | None) -> User:
    supplier = Organization.objects.filter(inn=inn, kind=OrganizationKind.SUPPLIER).order_by("pk").first()
    if supplier is None:
        raise CommandError(f"Поставщик с ИНН {inn} не зарегистрирован", returncode=2)
    members = User.objects.filter(organization=supplier, is_active=True).order_by("pk")
    user = members.filter(username=username).first() if username else members.first()
    if user is None:
        who = f"Пользователь «{username}»" if username else "Ни один сотрудник"
        raise CommandError(f"{who} не состоит в организации {supplier.display_name}", returncode=2)
    return user


class Command(BaseCommand):
    help = "Импортирует оферты поставщика: ste_id, price, stock, regions, valid_from, valid_until."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="CSV (UTF-8, «;» или «,») или XLSX")
        parser.add_argument("--supplier-inn", required=True, help="ИНН поставщика")
        parser.add_argument(
            "--user", default=None, help="логин сотрудника поставщика (по умолчанию — первый)"
        )
        parser.add_argument("--format", choices=FORMATS, default=None, help="по умолчанию — по расширению")

    def _progress(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        fmt = options["format"] or guess_format(path)
        user = _supplier_user(options["supplier_inn"].strip(), options["user"])
        try:
            report = import_offers_file(path=path, fmt=fmt, supplier_user=user, progress=self._progress)
        except BadFile as exc:
            raise CommandError(exc.message, returncode=2) from exc
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        for line in report.summary_lines():
            self.stdout.write(line)
