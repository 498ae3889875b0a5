from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from zakupki.accounts.models import Region
from zakupki.documents.models import AuditEvent
from zakupki.rules.engine import rule_value
from zakupki.rules.models import RegionRuleOverride
from zakupki.web.tests.factories import OrganizationFactory, member_of, regional_admin

OVERRIDE = {
    "key": "quotation_session.max_value_goods",
    "value": "500 000",
    "effective_from": "2026-01-01",
    "effective_until": "",
    "reason": "Постановление Правительства Московской области от 15.12.2025 № 1234-ПП",
}


@pytest.mark.django_db
def test_regional_admin_sets_a_regional_value_and_sees_it_in_roubles(client: Client, region: Region) -> None:
    admin = regional_admin(region, full_name="Орлова Ольга Олеговна")
    client.force_login(admin)

    response = client.post("/region/50/rules/", OVERRIDE, follow=True)

    assert response.redirect_chain == [("/region/#rules-heading", 302)]
    override = RegionRuleOverride.objects.get()
    assert (override.key, override.value, override.effective_from, override.effective_until) == (
        "quotation_session.max_value_goods",
        "500000",
        dt.date(2026, 1, 1),
        None,
    )
    assert rule_value("quotation_session.max_value_goods", on=dt.date(2026, 11, 22), region=region) == 500000
    page = response.content.decode()
    assert "Региональное значение параметра сохранено" in page
    assert '<td class="num nowrap">500\u00a0000,00\u00a0₽</td>' in page
    assert "с 01.01.2026" in page
    assert '<span class="badge badge-ok">действует сейчас</span>' in page
    assert '<td class="num nowrap">нет базового значения</td>' in page  # only regions set this one
    assert "Постановление Правительства Московской области от 15.12.2025 № 1234-ПП" in page
    assert AuditEvent.objects.filter(event="rules.override_set", actor=admin).count() == 1


@pytest.mark.django_db
def test_end_before_start_is_refused_at_the_end_field(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    response = client.post(
        "/region/50/rules/", {**OVERRIDE, "effective_from": "2026-06-01", "effective_until": "2026-05-01"}
    )

    assert response.status_code == 400
    assert (
        '<div class="error" id="id_rule_effective_until_error">'
        "Дата окончания 01.05.2026 должна быть позже даты начала 01.06.2026</div>"
    ) in response.content.decode()
    assert RegionRuleOverride.objects.count() == 0


@pytest.mark.django_db
def test_value_of_the_wrong_type_is_refused_at_the_value_field(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    response = client.post("/region/50/rules/", {**OVERRIDE, "value": "пятьсот тысяч"})

    assert response.status_code == 400
    assert 'id="id_rule_value_error">Значение не подходит для параметра' in response.content.decode()
    assert RegionRuleOverride.objects.count() == 0


@pytest.mark.django_db
def test_supplier_cannot_set_regional_values(client: Client, region: Region) -> None:
    client.force_login(member_of(OrganizationFactory.create(region=region)))

    response = client.post("/region/50/rules/", OVERRIDE)

    assert response.status_code == 403
    assert RegionRuleOverride.objects.count() == 0


@pytest.mark.django_db
def test_region_without_own_values_says_the_base_ones_apply(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    page = client.get("/region/").content.decode()

    assert "Регион пока не устанавливал своих значений: действуют базовые." in page
    assert '<option value="quotation_session.max_value_goods">' in page
    assert '<option value="quotation_session.durations_hours">' not in page  # lists are edited in files


@pytest.mark.django_db
def test_regional_value_is_shown_beside_the_base_value(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    client.post(
        "/region/50/rules/",
        {**OVERRIDE, "key": "signal.answer_target_days", "value": "7", "effective_from": "2026-01-01"},
    )
    page = client.get("/region/").content.decode()

    region_value, base_value = page.split('<td class="num nowrap">')[1:3]
    assert region_value.startswith("7\u00a0дней</td>")
    assert base_value.startswith("10\u00a0дней</td>")  # the platform's value since 01.01.2014
