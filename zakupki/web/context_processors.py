from typing import Any

from django.http import HttpRequest

from zakupki.accounts.roles import role_of


def role(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"current_role": role_of(user) if user is not None else None}
