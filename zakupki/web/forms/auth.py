from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.",
        "inactive": "Учётная запись отключена.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Логин"
        self.fields["username"].error_messages["required"] = "Укажите логин"
        self.fields["password"].error_messages["required"] = "Укажите пароль"
        password = self.fields["password"]
        assert isinstance(password, forms.CharField)  # noqa: S101 - AuthenticationForm declares it
        password.label = "Пароль"
