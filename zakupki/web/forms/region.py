"""The regional admin's forms: region settings and a refusal to confirm a customer."""

from __future__ import annotations

from typing import Any

from django import forms

from zakupki.web.timezones import timezone_choices


class RegionSettingsForm(forms.Form):
    name = forms.CharField(
        label="Наименование региона",
        max_length=200,
        error_messages={"required": "Укажите наименование региона"},
    )
    timezone = forms.ChoiceField(
        label="Часовой пояс",
        help_text="Сроки и время на страницах региона считаются в этом поясе",
        error_messages={"invalid_choice": "Выберите часовой пояс России из списка"},
    )
    authority_name = forms.CharField(
        label="Уполномоченный орган",
        max_length=300,
        required=False,
        help_text="Кто отвечает за закупки региона",
    )
    contact_email = forms.EmailField(label="Электронная почта для связи", max_length=254, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["timezone"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = timezone_choices()

    def changes(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name] for name in ("name", "timezone", "authority_name", "contact_email")
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Причина отказа",
        max_length=500,
        error_messages={"required": "Укажите причину отказа"},
        widget=forms.TextInput(),
    )
