"""`manage.py demo_data --scale small`: regions, organizations and one login per role, for the demo."""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zakupki.accounts.demo.catalog import load_demo_catalog
from zakupki.accounts.demo.contracts import load_demo_contracts
from zakupki.accounts.demo.generator import DEMO_SEED, generate
from zakupki.accounts.demo.loader import load_plan
from zakupki.accounts.demo.plan import DEMO_PASSWORD, SCALES
from zakupki.accounts.demo.sessions import load_demo_sessions
from zakupki.accounts.demo.summary import demo_counts, login_lines, summary_lines
from zakupki.accounts.models import Organization, Region
from zakupki.notifications.demo import load_demo_notifications
from zakupki.oversight.demo import load_demo_complaints
from zakupki.public_signals.demo import load_demo_signals

LATER_SCALES = ("national",)


class Command(BaseCommand):
    help = "Загружает демонстрационные данные: регионы, организации и учётные записи для каждой роли."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=[*SCALES, *LATER_SCALES],
            default="small",
            help="small — 6 регионов по 8 заказчиков и 20 поставщиков; region — в 10 раз больше",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"]
        if scale in LATER_SCALES:
            raise CommandError("Масштаб «national» будет добавлен вместе с бенчмарками")
        existing = Region.objects.count()
        if existing:
            # `make demo` runs us on every start: a filled database is left exactly as it is.
            self.stdout.write(f"В базе уже есть регионы ({existing}): демо-данные не загружаю.")
        else:
            load_plan(generate(scale=scale))
            # The catalogue is built from the real Moscow portal items (shared data or the shipped sample).
            load_demo_catalog(
                suppliers=list(
                    Organization.objects.filter(kind="supplier", status="confirmed").order_by("pk")
                ),
                regions=list(Region.objects.order_by("code")),
                rng=random.Random(DEMO_SEED),
            )
            # Sessions last: their protocol and bids go through the journal after everything they refer to.
            load_demo_sessions(now=timezone.now())
            load_demo_contracts()
            load_demo_complaints(now=timezone.now())
            load_demo_signals(now=timezone.now())
            load_demo_notifications(now=timezone.now())
            self.stdout.write(f"Демо-данные загружены (масштаб {scale}):")
            for line in summary_lines(demo_counts()):
                self.stdout.write(line)
        logins = login_lines()
        if logins:
            self.stdout.write(f"Учётные записи (пароль у всех: {DEMO_PASSWORD}):")
            for line in logins:
                self.stdout.write(line)
