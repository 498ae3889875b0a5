"""Quotation session forms: the customer's new session (with item rows), a price offer, an auto-bid,
a refusal to sign. They check shape only; the services decide (and refuse in Russian)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from zakupki.procedures.enums import SubjectKind

ITEM_ROWS = 5


def _decimal(value: str, message: str) -> Decimal:
    text = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(message) from None
    if not number.is_finite():
        raise forms.ValidationError(message)
    return number


def smp_only_field() -> forms.BooleanField:
    """The «только для СМП и СОНКО» tick of a new session, also offered when a need becomes one."""
    return forms.BooleanField(
        label="Только для СМП и СОНКО",
        required=False,
        help_text="Предложения смогут подать только субъекты малого предпринимательства и социально "
        "ориентированные некоммерческие организации",
    )


class SessionForm(forms.Form):
    title = forms.CharField(
        label="Предмет закупки",
        max_length=500,
        error_messages={"required": "Укажите предмет закупки"},
        help_text="Например, «Поставка канцелярских товаров»",
    )
    subject_kind = forms.ChoiceField(
        label="Вид предмета",
        choices=SubjectKind.choices,
        initial=SubjectKind.GOODS,
        error_messages={"invalid_choice": "Выберите вид предмета из списка"},
    )
    smp_only = smp_only_field()
    duration_hours = forms.TypedChoiceField(
        label="Продолжительность приёма предложений",
        coerce=int,
        error_messages={
            "required": "Выберите продолжительность",
            "invalid_choice": "Выберите продолжительность из списка",
        },
    )
    delivery_terms = forms.CharField(
        label="Условия поставки",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Срок, место и порядок поставки",
    )

    def __init__(self, *args: Any, durations: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["duration_hours"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [(h, f"{h} ч") for h in durations]


class SessionItemForm(forms.Form):
    name = forms.CharField(label="Наименование", max_length=500, required=False)
    unit = forms.CharField(label="Единица измерения", max_length=50, required=False)
    quantity = forms.CharField(label="Количество", max_length=30, required=False)
    unit_price = forms.CharField(label="Цена за единицу, ₽", max_length=30, required=False)
    # The СТЕ the row came from, when the session is started from the catalogue.
    catalog_ref = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        number = int(str(self.prefix).rsplit("-", 1)[-1]) + 1 if self.prefix else 1
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"Позиция {number}: {field.label}"

    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not any(str(data.get(name, "")).strip() for name in self.fields if name != "catalog_ref")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.is_blank():
            return cleaned
        for name, message in (
            ("name", "Укажите наименование"),
            ("unit", "Укажите единицу измерения"),
            ("quantity", "Укажите количество"),
            ("unit_price", "Укажите цену за единицу"),
        ):
            if not str(cleaned.get(name, "")).strip():
                self.add_error(name, message)
        for name, message in (
            ("quantity", "Количество должно быть числом"),
            ("unit_price", "Цена за единицу должна быть числом"),
        ):
            raw = str(cleaned.get(name, "")).strip()
            if raw:
                try:
                    cleaned[name] = _decimal(raw, message)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned


SessionItemFormSet = forms.formset_factory(SessionItemForm, extra=ITEM_ROWS, max_num=100, absolute_max=100)


class BidForm(forms.Form):
    price = forms.CharField(
        label="Ваша цена, ₽",
        max_length=30,
        error_messages={"required": "Укажите цену"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class AutoBidForm(forms.Form):
    floor_price = forms.CharField(
        label="Минимальная цена, ₽",
        max_length=30,
        error_messages={"required": "Укажите минимальную цену"},
        help_text="Автоставка будет снижать вашу цену на минимальный шаг, но не ниже этой суммы. Её никто не видит",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="Причина отказа",
        max_length=1000,
        error_messages={"required": "Укажите причину отказа"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
