"""Shows every time in the viewer's region: the user's region, or Moscow time for anonymous visitors."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


class RegionTimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        region = getattr(user, "home_region", None) if user is not None and user.is_authenticated else None
        if region is not None:
            timezone.activate(region.timezone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
