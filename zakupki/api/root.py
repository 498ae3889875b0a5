"""The JSON API: /api/v1/, OpenAPI docs at /api/v1/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Закупки: API",
    version="1",
    description='API платформы региональных закупок. Ошибки 4xx: {"errors": [{field, code, message}]}.',
    urls_namespace="api-v1",
)
