"""Self-registration forms: an organization with its first user, and a citizen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Region
from zakupki.accounts.services.registration import OrganizationData, PersonData

# Service error keys that differ from the form's field names.
PERSON_FIELD_MAP = {"password": "password1"}

KIND_CHOICES = [
    (OrganizationKind.SUPPLIER.value, "Поставщик — участвую в закупках"),
    (OrganizationKind.CUSTOMER.value, "Заказчик — провожу закупки"),
]


class ConditionalCharField(forms.CharField):
    """Required in some cases only (КПП: for an organization, not for an entrepreneur). The page does not
    mark it «необязательно»; the service decides."""

    conditional = True


def region_choices(regions: Iterable[Region]) -> list[tuple[str, str]]:
    return [("", "— выберите регион —"), *((r.code, f"{r.name} ({r.code})") for r in regions)]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class PersonFields(forms.Form):
    """The first user of an organization, or a citizen."""

    username = forms.CharField(
        label="Логин",
        max_length=150,
        error_messages=_required("Укажите логин"),
        help_text="Латинские буквы, цифры и символы @ . + - _",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(
        label="Фамилия, имя и отчество",
        max_length=300,
        error_messages=_required("Укажите фамилию, имя и отчество"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Электронная почта",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="Пароль",
        strip=False,
        error_messages=_required("Придумайте пароль"),
        help_text="Не короче 8 символов, не только из цифр и не похожий на логин",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Пароль ещё раз",
        strip=False,
        error_messages=_required("Повторите пароль"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Пароли не совпадают")
        return cleaned

    def person_data(self) -> PersonData:
        data = self.cleaned_data
        return PersonData(
            username=data["username"],
            password=data["password1"],
            full_name=data["full_name"],
            email=data["email"],
        )


class OrganizationRegistrationForm(PersonFields):
    field_order = [
        "kind",
        "inn",
        "kpp",
        "ogrn",
        "name",
        "short_name",
        "region",
        "is_smp",
        "is_sonko",
        "org_email",
        "phone",
        "username",
        "full_name",
        "email",
        "password1",
        "password2",
    ]

    kind = forms.ChoiceField(
        label="Кого вы регистрируете",
        choices=KIND_CHOICES,
        initial=OrganizationKind.SUPPLIER.value,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Выберите: поставщик или заказчик",
            "invalid_choice": "Выберите: поставщик или заказчик",
        },
    )
    inn = forms.CharField(
        label="ИНН",
        max_length=14,
        error_messages=_required("Укажите ИНН"),
        help_text="10 цифр у организации, 12 цифр у индивидуального предпринимателя",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kpp = ConditionalCharField(
        label="КПП",
        max_length=11,
        required=False,
        help_text="9 символов, обязателен для организации. У индивидуального предпринимателя КПП нет — оставьте поле пустым",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    ogrn = forms.CharField(
        label="ОГРН или ОГРНИП",
        max_length=17,
        error_messages=_required("Укажите ОГРН или ОГРНИП"),
        help_text="ОГРН организации — 13 цифр, ОГРНИП индивидуального предпринимателя — 15 цифр",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label="Полное наименование",
        max_length=500,
        error_messages=_required("Укажите полное наименование"),
        help_text="Как в ЕГРЮЛ или ЕГРИП, например «Индивидуальный предприниматель Иванов Иван Иванович»",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    short_name = forms.CharField(label="Краткое наименование", max_length=200, required=False)
    region = forms.ChoiceField(
        label="Регион",
        error_messages={
            "required": "Выберите регион",
            "invalid_choice": "Этот регион не подключён к платформе",
        },
        help_text="Субъект Российской Федерации, где зарегистрирована организация",
    )
    is_smp = forms.BooleanField(label="Субъект малого предпринимательства (СМП)", required=False)
    is_sonko = forms.BooleanField(
        label="Социально ориентированная некоммерческая организация (СОНКО)", required=False
    )
    org_email = forms.EmailField(
        label="Электронная почта организации",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label="Телефон",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, regions: Iterable[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)  # noqa: S101 - declared above
        region_field.choices = region_choices(regions)

    def organization_data(self) -> OrganizationData:
        data = self.cleaned_data
        return OrganizationData(
            kind=data["kind"],
            inn=data["inn"],
            kpp=data["kpp"],
            ogrn=data["ogrn"],
            name=data["name"],
            short_name=data["short_name"],
            region_code=data["region"],
            is_smp=data["is_smp"],
            is_sonko=data["is_sonko"],
            email=data["org_email"],
            phone=data["phone"],
        )


class CitizenRegistrationForm(PersonFields):
    field_order = ["full_name", "region", "username", "email", "password1", "password2"]

    region = forms.ChoiceField(
        label="Регион проживания",
        error_messages={
            "required": "Выберите регион",
            "invalid_choice": "Этот регион не подключён к платформе",
        },
    )

    def __init__(self, *args: Any, regions: Iterable[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)  # noqa: S101 - declared above
        region_field.choices = region_choices(regions)
