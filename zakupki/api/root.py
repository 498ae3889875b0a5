"""The JSON API: /api/v1/, OpenAPI docs at /api/v1/docs."""

from zakupki.api.base import ZakupkiAPI
from zakupki.api.errors import install_error_handlers
from zakupki.api.renderers import ApiJSONRenderer
from zakupki.api.routers import (
    accounts,
    analytics,
    catalog,
    contract_claims,
    contract_subcontracts,
    contract_terms,
    contracts,
    journal,
    notifications,
    organizations,
    oversight,
    procedures,
    public_signals,
    purchases,
    regions,
    rules,
    tokens,
)

api = ZakupkiAPI(
    title="Закупки: API",
    version="1",
    description=(
        "API платформы региональных закупок.\n\n"
        "Вход: личный API-токен (`Authorization: Bearer zk_...`) или сессия браузера (с CSRF-токеном).\n\n"
        'Ошибки 4xx: `{"errors": [{"field": "inn" | null, "code": "invalid", "message": "..."}]}`.\n\n'
        "Даты — ГГГГ-ММ-ДД, дата и время — ISO 8601 со смещением, деньги — строки с двумя знаками."
    ),
    urls_namespace="api-v1",
    renderer=ApiJSONRenderer(),
)
install_error_handlers(api)

for router in (
    # First: Django matches a path against the patterns in order, and a bid during a session is the
    # busiest request there is; behind the other routers it was tried against ~35 patterns (~0.3 ms).
    procedures.router,
    accounts.router,
    tokens.router,
    regions.router,
    organizations.router,
    rules.router,
    journal.router,
    catalog.router,
    purchases.router,
    contract_claims.router,
    contract_subcontracts.router,
    contract_terms.router,  # before contracts: /contracts/signing-deadlines is not a contract id
    contracts.router,
    oversight.router,
    public_signals.router,
    notifications.router,
    analytics.router,
):
    api.add_router("", router)
