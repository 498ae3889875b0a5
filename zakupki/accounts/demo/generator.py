"""Generates the demo plan from a seed: same seed, same plan, byte for byte.

Identifiers follow the real structure, so they look right to a Russian eye and pass the checksums:
- ИНН of an organization: tax office code (region code + inspection, e.g. 7701) + 5 digits + check digit;
  of an individual entrepreneur: tax office code + 6 digits + two check digits;
- КПП: tax office code + reason «01» (a Russian organization) + «001»;
- ОГРН: sign (1) + year + tax office code + 5 digits + check digit;
  ОГРНИП: 3 + year + region code + 9 digits + check digit.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import partial

from zakupki.accounts.demo import names
from zakupki.accounts.demo.plan import SCALES, DemoPlan, OrgPlan, PersonPlan, RegionPlan, Scale
from zakupki.accounts.demo.suppliers import suppliers
from zakupki.accounts.demo.tools import Numbers, person, phone, unique
from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.subjects import federal_subjects

DEMO_SEED = 2026


def _customer_name(rng: random.Random, region: names.DemoRegion, index: int) -> tuple[str, str]:
    moscow = region.code == "77"
    numbers = {
        "n": rng.randint(1001, 2100) if moscow else rng.randint(1, 150),
        "small": rng.randint(1, 220) if moscow else rng.randint(1, 40),
        "adj": region.adjective,
    }
    template = (
        names.CUSTOMER_TEMPLATES[index]
        if index < len(names.CUSTOMER_TEMPLATES)
        else rng.choice(names.NUMBERED_TEMPLATES)
    )
    if template is None:
        body = f"{region.ministry} {rng.choice(names.MINISTRIES)} {region.genitive}"
        return body, body
    abbr, title = template[0], template[1].format(**numbers)
    return f"{names.INSTITUTION_TYPES[abbr]} {region.genitive} «{title}»", f"{abbr} «{title}»"


def _customers(rng: random.Random, ids: Numbers, region: names.DemoRegion, scale: Scale) -> list[OrgPlan]:
    used: set[str] = set()
    result = []
    for i in range(scale.customers):
        pending = i >= scale.customers - scale.pending
        # The fixed «customer» login is the first Moscow customer: a school, confirmed.
        username = "customer" if region.code == "77" and i == 0 else f"c{region.code}-{i + 1:03d}"
        full, short = unique(used, partial(_customer_name, rng, region, i))
        inn, kpp, ogrn = ids.legal(office=rng.choice(region.tax_offices), years=(2002, 2016))
        result.append(
            OrgPlan(
                kind=OrganizationKind.CUSTOMER.value,
                name=full,
                short_name=short,
                inn=inn,
                kpp=kpp,
                ogrn=ogrn,
                phone=phone(rng, region.phone_code),
                person=person(rng, username),
                pending=pending,
                # One Moscow customer waits past its deadline: the worker's overdue event has a case.
                overdue=pending and region.code == "77" and i == scale.customers - 1,
            )
        )
    return result


def _control_body(rng: random.Random, ids: Numbers, region: names.DemoRegion) -> OrgPlan:
    inn, kpp, ogrn = ids.legal(office=region.tax_offices[0], years=(2002, 2012))
    username = "control" if region.code == "77" else f"control{region.code}"
    return OrgPlan(
        kind=OrganizationKind.CONTROL_BODY.value,
        name=region.control_body[0],
        short_name=region.control_body[1],
        inn=inn,
        kpp=kpp,
        ogrn=ogrn,
        phone=phone(rng, region.phone_code),
        person=person(rng, username),
    )


def _region(
    rng: random.Random, ids: Numbers, region: names.DemoRegion, index: int, scale: Scale
) -> RegionPlan:
    subject = federal_subjects()[region.code]
    return RegionPlan(
        code=subject.code,
        name=subject.name,
        timezone=subject.tz,
        joined_on=dt.date(*region.joined_on),
        authority_name=region.authority,
        admin=person(rng, f"region{region.code}"),
        control_body=_control_body(rng, ids, region),
        customers=tuple(_customers(rng, ids, region, scale)),
        suppliers=tuple(suppliers(rng, ids, region, scale, with_sonko=index < 2)),
    )


def generate(*, scale: str = "small", seed: int = DEMO_SEED) -> DemoPlan:
    """The whole demo as data. Pure: no database, so tests can regenerate and compare it."""
    size = SCALES[scale]
    rng = random.Random(seed)
    ids = Numbers(rng)
    regions = tuple(_region(rng, ids, r, i, size) for i, r in enumerate(names.DEMO_REGIONS))
    return DemoPlan(
        scale=scale,
        admin=PersonPlan(username="admin", full_name="Администратор платформы"),
        regions=regions,
        citizen=person(rng, "citizen"),
        citizen_region="77",
    )
