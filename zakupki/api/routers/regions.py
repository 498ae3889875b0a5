"""Regions: the public list, connection by the platform admin, settings by the regional admin."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from zakupki.accounts.models import Organization, Region
from zakupki.accounts.roles import is_regional_admin_of
from zakupki.accounts.selectors import customers_awaiting_confirmation, region_get, region_list
from zakupki.accounts.services.regions import region_create, region_update_settings
from zakupki.api.auth import AUTH, current_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.organizations import PendingCustomerOut
from zakupki.api.schemas.regions import RegionCreateIn, RegionOut, RegionUpdateIn
from zakupki.core.errors import PermissionDenied

router = Router(tags=["Регионы"])


@router.get("/regions", response={200: list[RegionOut], ERROR_CODES: ErrorOut})
def regions(request: HttpRequest) -> QuerySet[Region]:
    """Подключённые регионы в порядке русского алфавита."""
    return region_list()


@router.get("/regions/{code}", response={200: RegionOut, ERROR_CODES: ErrorOut})
def region_detail(request: HttpRequest, code: str) -> Region:
    return region_get(code=code)


@router.post("/regions", auth=AUTH, response={201: RegionOut, ERROR_CODES: ErrorOut})
def region_connect(request: HttpRequest, payload: RegionCreateIn) -> Status[Region]:
    """Подключить регион (администратор платформы)."""
    region = region_create(actor=current_user(request), **payload.model_dump())
    return Status(201, region)


@router.patch("/regions/{code}", auth=AUTH, response={200: RegionOut, ERROR_CODES: ErrorOut})
def region_settings(request: HttpRequest, code: str, payload: RegionUpdateIn) -> Region:
    """Изменить настройки региона (его администратор). Меняются только переданные поля."""
    region = region_get(code=code)
    changes = payload.model_dump(exclude_unset=True)
    return region_update_settings(region=region, actor=current_user(request), changes=changes)


@router.get(
    "/regions/{code}/pending-customers",
    auth=AUTH,
    response={200: list[PendingCustomerOut], ERROR_CODES: ErrorOut},
)
def pending_customers(request: HttpRequest, code: str) -> QuerySet[Organization]:
    """Заказчики региона, ожидающие подтверждения (администратор региона)."""
    region = region_get(code=code)
    if not is_regional_admin_of(current_user(request), region):
        raise PermissionDenied("Список заявок видит только администратор региона")
    return customers_awaiting_confirmation(region=region).select_related("region")
