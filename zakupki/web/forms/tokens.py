from __future__ import annotations

from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Название",
        max_length=100,
        error_messages={"required": "Укажите название токена"},
        help_text="Например, «Учётная система бухгалтерии»",
    )
    expires_on = forms.DateField(
        label="Действует по",
        required=False,
        help_text="Включительно, по времени вашего региона. Пусто — бессрочно, пока не отзовёте",
        error_messages={"invalid": "Введите дату в формате ДД.ММ.ГГГГ"},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
