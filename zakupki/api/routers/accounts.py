"""The caller's own account, and self-registration of organizations and citizens."""

from django.http import HttpRequest
from ninja import Router, Status

from zakupki.accounts.models import User
from zakupki.accounts.services.registration import (
    OrganizationData,
    PersonData,
    citizen_register,
    organization_register,
)
from zakupki.api.auth import AUTH, current_user
from zakupki.api.errors import api_field_names
from zakupki.api.routers.organizations import organization_card
from zakupki.api.schemas.accounts import CitizenRegistrationIn, MeOut, OrganizationRegistrationIn, PersonIn
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.organizations import OrganizationCardOut

router = Router(tags=["Учётные записи"])

# Service error keys -> the API's field names.
PERSON_FIELDS = {"region": "region_code"}
ORGANIZATION_FIELDS = {
    "region": "region_code",
    "org_email": "email",
    **{name: f"user.{name}" for name in ("username", "password", "full_name", "email")},
}


def _person(payload: PersonIn) -> PersonData:
    return PersonData(
        username=payload.username, password=payload.password, full_name=payload.full_name, email=payload.email
    )


@router.get("/me", auth=AUTH, response={200: MeOut, ERROR_CODES: ErrorOut})
def me(request: HttpRequest) -> User:
    """Кто я: логин, ФИО, роль, организация, регион."""
    return current_user(request)


@router.post("/registration/organization", response={201: OrganizationCardOut, ERROR_CODES: ErrorOut})
def register_organization(
    request: HttpRequest, payload: OrganizationRegistrationIn
) -> Status[OrganizationCardOut]:
    """Регистрация поставщика или заказчика вместе с первым пользователем.

    Поставщик работает сразу; заказчик ждёт подтверждения администратора региона."""
    data = OrganizationData(**payload.model_dump(exclude={"user"}))
    with api_field_names(ORGANIZATION_FIELDS):
        organization = organization_register(data=data, person=_person(payload.user))
    return Status(201, organization_card(organization, private=True))


@router.post("/registration/citizen", response={201: MeOut, ERROR_CODES: ErrorOut})
def register_citizen(request: HttpRequest, payload: CitizenRegistrationIn) -> Status[User]:
    """Регистрация гражданина: сигналы, обращения, жалобы."""
    with api_field_names(PERSON_FIELDS):
        user = citizen_register(person=_person(payload), region_code=payload.region_code)
    return Status(201, user)
