"""Russian names for the IANA time zones a region may use: «Москва (UTC+3)»."""

from __future__ import annotations

import datetime as dt

from zakupki.core.timeutil import RUSSIAN_TIME_ZONES, utc_offset_label

TZ_CITY: dict[str, str] = {
    "Europe/Kaliningrad": "Калининград",
    "Europe/Moscow": "Москва",
    "Europe/Simferopol": "Симферополь",
    "Europe/Kirov": "Киров",
    "Europe/Volgograd": "Волгоград",
    "Europe/Astrakhan": "Астрахань",
    "Europe/Saratov": "Саратов",
    "Europe/Ulyanovsk": "Ульяновск",
    "Europe/Samara": "Самара",
    "Asia/Yekaterinburg": "Екатеринбург",
    "Asia/Omsk": "Омск",
    "Asia/Novosibirsk": "Новосибирск",
    "Asia/Barnaul": "Барнаул",
    "Asia/Tomsk": "Томск",
    "Asia/Novokuznetsk": "Новокузнецк",
    "Asia/Krasnoyarsk": "Красноярск",
    "Asia/Irkutsk": "Иркутск",
    "Asia/Chita": "Чита",
    "Asia/Yakutsk": "Якутск",
    "Asia/Khandyga": "Хандыга",
    "Asia/Vladivostok": "Владивосток",
    "Asia/Ust-Nera": "Усть-Нера",
    "Asia/Magadan": "Магадан",
    "Asia/Sakhalin": "Сахалин",
    "Asia/Srednekolymsk": "Среднеколымск",
    "Asia/Kamchatka": "Камчатка",
    "Asia/Anadyr": "Анадырь",
}


def tz_label(tz_name: str, at: dt.datetime | None = None) -> str:
    """«Москва (UTC+3)»; an unknown zone keeps its IANA name."""
    return f"{TZ_CITY.get(tz_name, tz_name)} ({utc_offset_label(tz_name, at)})"


def timezone_choices() -> list[tuple[str, str]]:
    """Russian zones from west to east, as a select's options."""
    return [(tz, tz_label(tz)) for tz in RUSSIAN_TIME_ZONES]
