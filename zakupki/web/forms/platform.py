"""The platform admin connects a region."""

from __future__ import annotations

from typing import Any

from django import forms

from zakupki.accounts.subjects import federal_subjects
from zakupki.web.timezones import timezone_choices


class RegionCreateForm(forms.Form):
    code = forms.CharField(
        label="Код субъекта",
        max_length=3,
        error_messages={"required": "Укажите код субъекта", "max_length": "Код субъекта — не больше 3 цифр"},
        help_text="Двузначный код субъекта Российской Федерации, например 50",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "list": "federal-subjects", "autocomplete": "off"}
        ),
    )
    name = forms.CharField(
        label="Наименование",
        max_length=200,
        required=False,
        help_text="Если оставить пустым, возьмём наименование из справочника субъектов",
    )
    timezone = forms.ChoiceField(
        label="Часовой пояс",
        required=False,
        help_text="Если не выбрать, возьмём часовой пояс столицы субъекта",
        error_messages={"invalid_choice": "Выберите часовой пояс России из списка"},
    )
    joined_on = forms.DateField(
        label="Дата подключения",
        error_messages={
            "required": "Укажите дату подключения",
            "invalid": "Введите дату в формате ДД.ММ.ГГГГ",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    authority_name = forms.CharField(label="Уполномоченный орган", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["timezone"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "— часовой пояс столицы субъекта —"), *timezone_choices()]

    def timezone_or_default(self) -> str:
        """The chosen zone, else the capital's zone from the reference list (the service checks it)."""
        chosen: str = self.cleaned_data["timezone"]
        if chosen:
            return chosen
        subject = federal_subjects().get(self.cleaned_data["code"].strip())
        return subject.tz if subject is not None else ""
