"""Forms of the purchase pages. They check the shape only; the services decide (and say why in Russian)."""

from __future__ import annotations

from typing import Any

from django import forms

from zakupki.contracts.enums import PurchaseBasis
from zakupki.procedures.enums import SubjectKind
from zakupki.web.forms.procedures import smp_only_field

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


class BuyForm(forms.Form):
    quantity = forms.CharField(
        label="Количество",
        max_length=20,
        error_messages={"required": "Укажите количество"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    expected_unit_price = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)


class NeedForm(forms.Form):
    title = forms.CharField(
        label="Предмет закупки", max_length=300, error_messages={"required": "Укажите предмет закупки"}
    )
    description = forms.CharField(
        label="Описание потребности",
        max_length=5000,
        help_text="Что нужно, в каком количестве, сроки и место поставки, требования к качеству",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Опишите потребность"},
    )
    max_price = forms.CharField(
        label="Максимальная цена, ₽",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"required": "Укажите максимальную цену"},
    )
    deadline = forms.DateTimeField(
        label="Приём предложений до",
        help_text="Дата и время по часовому поясу вашего региона",
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Укажите дату и время окончания приёма предложений",
            "invalid": "Неверная дата и время: ожидается ДД.ММ.ГГГГ ЧЧ:ММ",
        },
    )
    basis = forms.ChoiceField(
        label="Основание",
        choices=PurchaseBasis.choices,
        initial=PurchaseBasis.P4,
        error_messages={"invalid_choice": "Выберите основание из списка"},
    )


class ProposalForm(forms.Form):
    price = forms.CharField(
        label="Цена предложения, ₽",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"required": "Укажите цену"},
    )
    terms = forms.CharField(
        label="Условия",
        max_length=5000,
        help_text="Что поставляется или выполняется, сроки, гарантия",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Опишите условия"},
    )
    attachment = forms.FileField(
        label="Файл (смета, спецификация)",
        required=False,
        help_text="PDF, Word, Excel, JPEG, PNG или текст, не более 10 МБ",
    )


class AwardForm(forms.Form):
    proposal = forms.TypedChoiceField(
        label="Предложение",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Выберите предложение",
            "invalid_choice": "Выберите предложение из списка",
        },
    )
    reason = forms.CharField(
        label="Обоснование выбора",
        max_length=1000,
        error_messages={"required": "Укажите обоснование выбора предложения"},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = choices or []


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Причина отмены", max_length=1000, error_messages={"required": "Укажите причину отмены"}
    )


class ConvertForm(forms.Form):
    duration_hours = forms.TypedChoiceField(
        label="Продолжительность сессии",
        coerce=int,
        error_messages={
            "required": "Выберите продолжительность",
            "invalid_choice": "Выберите продолжительность",
        },
    )
    subject_kind = forms.ChoiceField(
        label="Предмет",
        choices=SubjectKind.choices,
        initial=SubjectKind.GOODS,
        error_messages={"invalid_choice": "Выберите предмет из списка"},
    )
    smp_only = smp_only_field()

    def __init__(self, *args: Any, durations: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["duration_hours"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [(hours, f"{hours} ч") for hours in durations]
