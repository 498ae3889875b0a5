"""A region's own value of a legal parameter (a regional act, a Portal limit)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from zakupki.rules.engine import rule_parameters
from zakupki.rules.values import ParamType

# Lists and scales are edited in the data files; a page offers the parameters with one value.
SCALAR_TYPES = (ParamType.DECIMAL, ParamType.PERCENT, ParamType.INT, ParamType.BOOL, ParamType.STR)
TRUE_WORDS = {"да", "true", "1"}
FALSE_WORDS = {"нет", "false", "0"}


def parameter_choices() -> list[tuple[str, str]]:
    scalar = [p for p in rule_parameters() if p.type in SCALAR_TYPES and p.regional]
    return [("", "— выберите параметр —"), *((p.key, f"{p.title} ({p.key})") for p in scalar)]


class RuleOverrideForm(forms.Form):
    key = forms.ChoiceField(
        label="Параметр",
        error_messages={"required": "Выберите параметр", "invalid_choice": "Выберите параметр из списка"},
    )
    value = forms.CharField(
        label="Значение региона",
        max_length=200,
        error_messages={"required": "Укажите значение"},
        help_text="Суммы и проценты — числом, например «500 000» или «0,5»; да/нет — словом",
    )
    effective_from = forms.DateField(
        label="Действует с",
        error_messages={
            "required": "Укажите дату начала действия",
            "invalid": "Введите дату в формате ДД.ММ.ГГГГ",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    effective_until = forms.DateField(
        label="Действует до",
        required=False,
        help_text="Первый день, когда значение уже не действует. Пусто — до следующего значения региона",
        error_messages={"invalid": "Введите дату в формате ДД.ММ.ГГГГ"},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label="Основание",
        max_length=1000,
        error_messages={"required": "Укажите основание: реквизиты регионального акта или решения"},
        help_text="Реквизиты регионального акта или решения",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["key"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = parameter_choices()

    def service_value(self) -> Any:
        """The typed input the service expects: «500 000,50» -> "500000.50", «да» -> True."""
        raw: str = self.cleaned_data["value"].strip()
        types = {p.key: p.type for p in rule_parameters()}
        ptype = types.get(self.cleaned_data["key"])
        if ptype in (ParamType.DECIMAL, ParamType.PERCENT, ParamType.INT):
            return re.sub(r"[\s\u00a0]", "", raw).replace(",", ".")
        if ptype is ParamType.BOOL:
            word = raw.casefold()
            return True if word in TRUE_WORDS else False if word in FALSE_WORDS else raw
        return raw
