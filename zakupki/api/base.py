"""NinjaAPI with the error format also on the paths ninja answers outside its handlers:
an unknown method (405) and an unknown address under the API prefix (404)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from zakupki.api.errors import METHOD_NOT_ALLOWED_MESSAGE, NOT_FOUND_MESSAGE, error_entry

View = Callable[..., HttpResponseBase]


class ZakupkiAPI(NinjaAPI):
    def _json_method_not_allowed(self, view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if not isinstance(response, HttpResponseNotAllowed):
                return response
            entry = error_entry(METHOD_NOT_ALLOWED_MESSAGE, code="method_not_allowed")
            converted = self.create_response(request, {"errors": [entry]}, status=405)
            converted["Allow"] = response["Allow"]
            return converted

        return wrapper

    def _not_found(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        entry = error_entry(NOT_FOUND_MESSAGE, code="not_found")
        return self.create_response(request, {"errors": [entry]}, status=404)

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._json_method_not_allowed(pattern.callback)
        patterns.append(re_path(r"^.*$", csrf_exempt(self._not_found), name="not-found"))
        return patterns, app_name, namespace
