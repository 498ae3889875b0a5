"""Personal API tokens: create (the key is shown once), list own, revoke own."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from zakupki.accounts.models import ApiToken
from zakupki.accounts.selectors import api_token_get_own, api_token_list
from zakupki.accounts.services.tokens import api_token_create, api_token_revoke
from zakupki.api.auth import AUTH, current_user
from zakupki.api.schemas.accounts import TokenCreatedOut, TokenCreateIn, TokenOut
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut

router = Router(tags=["API-токены"], auth=AUTH)


@router.post("/auth/tokens", response={201: TokenCreatedOut, ERROR_CODES: ErrorOut})
def token_create(request: HttpRequest, payload: TokenCreateIn) -> Status[TokenCreatedOut]:
    """Выпустить личный API-токен. Ключ возвращается только в этом ответе."""
    token, raw = api_token_create(
        user=current_user(request), name=payload.name, expires_at=payload.expires_at
    )
    out = TokenCreatedOut(**TokenOut.from_orm(token).model_dump(), key=raw)
    return Status(201, out)


@router.get("/auth/tokens", response={200: list[TokenOut], ERROR_CODES: ErrorOut})
def token_list(request: HttpRequest) -> QuerySet[ApiToken]:
    """Свои токены, включая отозванные. Ключи не показываются никогда."""
    return api_token_list(user=current_user(request))


@router.delete("/auth/tokens/{token_id}", response={204: None, ERROR_CODES: ErrorOut})
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    """Отозвать свой токен. Чужой токен — 404."""
    user = current_user(request)
    api_token_revoke(token=api_token_get_own(user=user, token_id=token_id), actor=user)
    return Status(204, None)
