"""Suppliers of a demo region: ООО, АО, ИП and a rare АНО (СОНКО), with a realistic СМП share."""

from __future__ import annotations

import random

from zakupki.accounts.demo import names
from zakupki.accounts.demo.plan import OrgPlan, PersonPlan, Scale
from zakupki.accounts.demo.tools import Numbers, full_name, phone
from zakupki.accounts.enums import OrganizationKind

# In small purchases most bidders are small businesses: about three suppliers in four are СМП.
# Every ИП is СМП; АО here are larger companies; an АНО is a non-profit, so never СМП.
SMP_SHARE = 0.75
LEGAL_FORMS = {
    "ooo": ("Общество с ограниченной ответственностью", "ООО"),
    "ao": ("Акционерное общество", "АО"),
    "ano": ("Автономная некоммерческая организация социальной поддержки", "АНО"),
}


def _kinds(rng: random.Random, scale: Scale, *, with_sonko: bool) -> list[tuple[str, bool]]:
    """(legal form, is СМП) per supplier. The first is an СМП ООО: the fixed «supplier» login."""
    n = scale.suppliers
    n_ip, n_ao, n_ano = n // 4, n * 3 // 20, 1 if with_sonko else 0
    n_ooo = n - n_ip - n_ao - n_ano
    smp_ooo = round(n * SMP_SHARE) - n_ip
    rest = (
        [("ooo", True)] * (smp_ooo - 1)
        + [("ooo", False)] * (n_ooo - smp_ooo)
        + [("ao", False)] * n_ao
        + [("ip", True)] * n_ip
        + [("ano", False)] * n_ano
    )
    rng.shuffle(rest)
    return [("ooo", True), *rest]


def suppliers(
    rng: random.Random, ids: Numbers, region: names.DemoRegion, scale: Scale, *, with_sonko: bool
) -> list[OrgPlan]:
    kinds = _kinds(rng, scale, with_sonko=with_sonko)
    combos = [root + trade for root in names.COMPANY_ROOTS for trade in names.COMPANY_TRADES]
    companies = iter(rng.sample(combos, sum(1 for form, _ in kinds if form in ("ooo", "ao"))))
    result = []
    for i, (form, smp) in enumerate(kinds):
        username = "supplier" if region.code == "77" and i == 0 else f"s{region.code}-{i + 1:03d}"
        office = rng.choice(region.tax_offices)
        if form == "ip":
            surname, first, patronymic = full_name(rng)
            inn, ogrn = ids.individual(office=office)
            kpp = ""
            name = f"Индивидуальный предприниматель {surname} {first} {patronymic}"
            short = f"ИП {surname} {first[0]}.{patronymic[0]}."
            owner = PersonPlan(username=username, full_name=f"{surname} {first} {patronymic}")
        else:
            title = rng.choice(names.SONKO_NAMES) if form == "ano" else next(companies)
            inn, kpp, ogrn = ids.legal(office=office, years=(2003, 2024))
            name = f"{LEGAL_FORMS[form][0]} «{title}»"
            short = f"{LEGAL_FORMS[form][1]} «{title}»"
            owner = PersonPlan(username=username, full_name=" ".join(full_name(rng)))
        result.append(
            OrgPlan(
                kind=OrganizationKind.SUPPLIER.value,
                name=name,
                short_name=short,
                inn=inn,
                kpp=kpp,
                ogrn=ogrn,
                phone=phone(rng, region.phone_code),
                person=owner,
                is_smp=smp,
                is_sonko=form == "ano",
            )
        )
    return result
