"""The audit journal's check, for the platform admin."""

import pytest
from django.test import Client

from zakupki.api.tests import factories
from zakupki.api.tests.helpers import as_user, error, errors, get


@pytest.mark.django_db
def test_platform_admin_verifies_an_intact_journal():
    admin = factories.platform_admin()
    headers = as_user(admin)  # issuing the token is itself journal event №1

    response = get(Client(), "/journal/verify", headers)

    assert response.status_code == 200
    assert response.json() == {"ok": True, "checked": 1, "broken_seq": None, "reason": ""}


@pytest.mark.django_db
def test_others_may_not_verify_the_journal():
    regional = factories.regional_admin(factories.region("77"))

    response = get(Client(), "/journal/verify", as_user(regional))

    assert response.status_code == 403
    assert response.json() == errors(
        error("Проверять журнал может только администратор платформы", code="forbidden")
    )
