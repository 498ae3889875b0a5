"""JSON as the API writes it: readable Cyrillic, datetimes in ISO 8601 with the offset and full precision.

Django's encoder cuts microseconds to milliseconds: a deadline at 23:59:59.999999 would come out a
different instant. Datetimes are written in the platform's time zone (Moscow time, as procurement
documents state it) with the offset, so any client parses them to the same instant."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class ApiJSONEncoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime) and o.tzinfo is not None:
            return o.astimezone(ZoneInfo(settings.TIME_ZONE)).isoformat()
        return super().default(o)


class ApiJSONRenderer(JSONRenderer):
    encoder_class = ApiJSONEncoder
    json_dumps_params = {"ensure_ascii": False}
