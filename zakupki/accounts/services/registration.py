"""Self-registration of supplier and customer organizations, and of citizens."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from zakupki.accounts.enums import ROLE_FOR_KIND, OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import IdentifierError, clean_inn, clean_kpp, clean_ogrn, inn_is_individual
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.services.confirmation import confirmation_deadline
from zakupki.core.errors import ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

SELF_REGISTRATION_KINDS = (OrganizationKind.SUPPLIER, OrganizationKind.CUSTOMER)
DUPLICATE_MESSAGE = "Организация с таким ИНН и КПП уже зарегистрирована"


@dataclass(frozen=True)
class OrganizationData:
    kind: str
    inn: str
    kpp: str
    ogrn: str
    name: str
    short_name: str
    region_code: str
    is_smp: bool = False
    is_sonko: bool = False
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PersonData:
    username: str
    password: str
    full_name: str
    email: str = ""


def _region_by_code(code: str, errors: dict[str, str], field: str = "region") -> Region | None:
    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        errors[field] = f"Регион с кодом «{code}» не подключён к платформе"
    return region


def _clean_person(person: PersonData, errors: dict[str, str]) -> None:
    username = person.username.strip()
    if not username:
        errors["username"] = "Укажите логин"
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = "Этот логин уже занят"
    if not person.full_name.strip():
        errors["full_name"] = "Укажите фамилию, имя и отчество"
    if person.email:
        try:
            validate_email(person.email)
        except DjangoValidationError:
            errors["email"] = "Неверный адрес электронной почты"
    try:
        password_validation.validate_password(person.password, User(username=username, email=person.email))
    except DjangoValidationError as exc:
        errors["password"] = " ".join(exc.messages)


def _person_user(
    person: PersonData,
    *,
    role: UserRole,
    region: Region | None = None,
    organization: Organization | None = None,
) -> User:
    """The account of a person already checked by `_clean_person` (call inside the caller's transaction)."""
    return User.objects.create_user(
        username=person.username.strip(),
        password=person.password,
        email=person.email.strip(),
        full_name=person.full_name.strip(),
        role=role,
        region=region,
        organization=organization,
    )


def clean_identifiers(
    *, inn: str, kpp: str, ogrn: str, errors: dict[str, str]
) -> tuple[dict[str, str], bool]:
    """ИНН, КПП and ОГРН/ОГРНИП checked together: a 12-digit ИНН is an individual entrepreneur, who has no
    КПП and an ОГРНИП. Returns the cleaned values and whether the ИНН is an individual's."""
    cleaned: dict[str, str] = {}
    try:
        cleaned["inn"] = clean_inn(inn)
    except IdentifierError as exc:
        errors[exc.field] = exc.message
    individual = inn_is_individual(cleaned.get("inn", inn.strip()))
    if individual:
        if kpp.strip():
            errors["kpp"] = "У индивидуального предпринимателя нет КПП: оставьте поле пустым"
        cleaned["kpp"] = ""
    else:
        try:
            cleaned["kpp"] = clean_kpp(kpp)
        except IdentifierError as exc:
            errors[exc.field] = exc.message
    try:
        cleaned["ogrn"] = clean_ogrn(ogrn, individual=individual)
    except IdentifierError as exc:
        errors[exc.field] = exc.message
    return cleaned, individual


def _clean_organization(data: OrganizationData, errors: dict[str, str]) -> dict[str, str]:
    if data.kind not in SELF_REGISTRATION_KINDS:
        errors["kind"] = "Зарегистрироваться можно как поставщик или как заказчик"
    cleaned, individual = clean_identifiers(inn=data.inn, kpp=data.kpp, ogrn=data.ogrn, errors=errors)
    if individual and data.kind == OrganizationKind.CUSTOMER:
        errors["inn"] = "Заказчик — организация: укажите ИНН из 10 цифр"
    if not data.name.strip():
        errors["name"] = "Укажите полное наименование"
    if data.email:
        try:
            validate_email(data.email)
        except DjangoValidationError:
            errors["org_email"] = "Неверный адрес электронной почты организации"
    if data.is_sonko and individual:
        errors["is_sonko"] = "СОНКО — некоммерческая организация, а не индивидуальный предприниматель"
    return cleaned


def organization_register(*, data: OrganizationData, person: PersonData) -> Organization:
    """Creates the organization and its first user together, or nothing at all.

    Suppliers can work at once; customers wait for their regional admin's confirmation."""
    errors: dict[str, str] = {}
    cleaned = _clean_organization(data, errors)
    region = _region_by_code(data.region_code, errors)
    _clean_person(person, errors)
    if (
        "inn" in cleaned
        and "kpp" in cleaned
        and "inn" not in errors
        and Organization.objects.filter(inn=cleaned["inn"], kpp=cleaned["kpp"]).exists()
    ):
        errors["inn"] = DUPLICATE_MESSAGE
    if errors:
        raise ValidationFailed(errors)
    assert region is not None  # noqa: S101 - guaranteed by the error check above
    kind = OrganizationKind(data.kind)
    now = timezone.now()
    try:
        with transaction.atomic():
            organization = Organization.objects.create(
                kind=kind,
                status=OrganizationStatus.PENDING
                if kind == OrganizationKind.CUSTOMER
                else OrganizationStatus.CONFIRMED,
                name=data.name.strip(),
                short_name=data.short_name.strip(),
                inn=cleaned["inn"],
                kpp=cleaned["kpp"],
                ogrn=cleaned["ogrn"],
                region=region,
                is_smp=data.is_smp,
                is_sonko=data.is_sonko,
                email=data.email.strip(),
                phone=data.phone.strip(),
                status_changed_at=now,
            )
            if kind == OrganizationKind.CUSTOMER:
                organization.confirmation_due_at = confirmation_deadline(region=region, start=now)
                organization.next_check_at = organization.confirmation_due_at
                organization.save(update_fields=["confirmation_due_at", "next_check_at"])
            user = _person_user(person, role=ROLE_FOR_KIND[kind], organization=organization)
            audit_record(
                actor=user,
                event=EventType.ORGANIZATION_REGISTERED,
                obj=organization,
                details={
                    "kind": kind.value,
                    "inn": organization.inn,
                    "kpp": organization.kpp,
                    "ogrn": organization.ogrn,
                    "region": region.code,
                    "is_smp": organization.is_smp,
                    "is_sonko": organization.is_sonko,
                    "status": organization.status,
                    "first_user": user.username,
                },
            )
    except IntegrityError as exc:
        # Two registrations of the same ИНН+КПП raced; the unique constraint decided.
        raise ValidationFailed({"inn": DUPLICATE_MESSAGE}) from exc
    return organization


def citizen_register(*, person: PersonData, region_code: str) -> User:
    errors: dict[str, str] = {}
    region = _region_by_code(region_code, errors)
    _clean_person(person, errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        user = _person_user(person, role=UserRole.CITIZEN, region=region)
        audit_record(
            actor=user,
            event=EventType.USER_REGISTERED,
            obj=user,
            details={"role": UserRole.CITIZEN.value, "region": region.code if region else None},
        )
    return user
