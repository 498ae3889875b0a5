"""The demo plan: plain data, generated from a seed and compared in tests without a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published on purpose: the demo's shared password
EMAIL_DOMAIN = "zakupki.example"  # RFC 2606: never delivered anywhere


@dataclass(frozen=True)
class PersonPlan:
    username: str
    full_name: str

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class OrgPlan:
    kind: str  # OrganizationKind value
    name: str
    short_name: str
    inn: str
    kpp: str
    ogrn: str
    phone: str
    person: PersonPlan
    is_smp: bool = False
    is_sonko: bool = False
    pending: bool = False  # a customer left waiting for the regional admin
    overdue: bool = False  # … whose confirmation deadline has already passed


@dataclass(frozen=True)
class RegionPlan:
    code: str
    name: str
    timezone: str
    joined_on: dt.date
    authority_name: str
    admin: PersonPlan
    control_body: OrgPlan
    customers: tuple[OrgPlan, ...]
    suppliers: tuple[OrgPlan, ...]


@dataclass(frozen=True)
class DemoPlan:
    scale: str
    admin: PersonPlan
    regions: tuple[RegionPlan, ...]
    citizen: PersonPlan
    citizen_region: str
    # The moderator of citizens' signals, appointed by the regional admin of `citizen_region`.
    moderator: PersonPlan = PersonPlan(username="moderator", full_name="Смирнова Ольга Викторовна")

    def organizations(self) -> list[OrgPlan]:
        return [org for r in self.regions for org in (r.control_body, *r.customers, *r.suppliers)]


@dataclass(frozen=True)
class Scale:
    customers: int  # per region
    suppliers: int  # per region
    pending: int  # customers per region left unconfirmed (the Moscow one is overdue)


SCALES: dict[str, Scale] = {
    "small": Scale(customers=8, suppliers=20, pending=1),
    "region": Scale(customers=80, suppliers=400, pending=8),
}
