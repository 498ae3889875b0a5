import pytest

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.accounts.services.staff import control_body_create, staff_user_create
from zakupki.accounts.tests.conftest import person
from zakupki.core.errors import PermissionDenied, ValidationFailed


def test_control_body_is_created_confirmed_by_the_regional_admin(moscow, moscow_admin):
    body = control_body_create(
        region=moscow,
        name="Главконтроль",
        inn="7707083893",
        kpp="770701001",
        ogrn="1027700132195",
        actor=moscow_admin,
    )

    assert (body.kind, body.status, body.inn, body.kpp) == (
        OrganizationKind.CONTROL_BODY,
        "confirmed",
        "7707083893",
        "770701001",
    )


def test_control_body_refuses_an_individual_inn_and_bad_identifiers(moscow, moscow_admin):
    with pytest.raises(ValidationFailed) as refused:
        control_body_create(
            region=moscow, name=" ", inn="500100732259", kpp="", ogrn="304500116000180", actor=moscow_admin
        )

    assert refused.value.errors == {
        "inn": "Контрольный орган — организация: укажите ИНН из 10 цифр",
        "name": "Укажите полное наименование",
    }


def test_moderator_is_appointed_by_the_regional_admin_only(moscow, moscow_admin, tyumen):
    moderator = staff_user_create(
        person=person("moder"), role=UserRole.MODERATOR, actor=moscow_admin, region=moscow
    )

    assert (moderator.role, moderator.region_id, moderator.organization_id) == ("moderator", moscow.pk, None)
    with pytest.raises(PermissionDenied, match="Модератора назначает администратор региона"):
        staff_user_create(person=person("other"), role=UserRole.MODERATOR, actor=moscow_admin, region=tyumen)
    with pytest.raises(ValidationFailed):
        staff_user_create(person=person("nowhere"), role=UserRole.MODERATOR, actor=moscow_admin)
