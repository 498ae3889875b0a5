"""Catalogue pages: the search form and a supplier's new-offer form. Shapes only; rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms

from zakupki.catalog.enums import CatalogSort

DATE_ERROR = {"invalid": "Введите дату в формате ДД.ММ.ГГГГ", "required": "Укажите дату"}


class CatalogSearchForm(forms.Form):
    q = forms.CharField(
        label="Что ищем",
        required=False,
        max_length=200,
        error_messages={"max_length": "Запрос длиннее 200 символов"},
    )
    category = forms.TypedChoiceField(
        label="Категория",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Нет такой категории"},
    )
    region = forms.ChoiceField(
        label="Регион поставки",
        required=False,
        error_messages={"invalid_choice": "Регион не подключён к платформе"},
    )
    price_min = forms.DecimalField(
        label="Цена от, ₽",
        required=False,
        min_value=0,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": "Введите число",
            "min_value": "Цена не может быть отрицательной",
            "max_decimal_places": "Не более двух знаков после запятой",
        },
    )
    price_max = forms.DecimalField(
        label="Цена до, ₽",
        required=False,
        min_value=0,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": "Введите число",
            "min_value": "Цена не может быть отрицательной",
            "max_decimal_places": "Не более двух знаков после запятой",
        },
    )
    sort = forms.ChoiceField(
        label="Порядок",
        required=False,
        choices=CatalogSort.choices,
        error_messages={"invalid_choice": "Неизвестный порядок сортировки"},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Неверный номер страницы", "min_value": "Номер страницы начинается с 1"},
    )

    def __init__(
        self, *args: Any, categories: list[tuple[int, str]], regions: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        region_field = self.fields["region"]
        assert isinstance(category_field, forms.TypedChoiceField)  # noqa: S101 - declared above
        assert isinstance(region_field, forms.ChoiceField)  # noqa: S101 - declared above
        category_field.choices = [("", "Все категории"), *categories]
        region_field.choices = [("", "Все регионы"), *regions]


class OfferForm(forms.Form):
    ste_id = forms.CharField(
        label="ID СТЕ",
        max_length=32,
        help_text="Номер СТЕ из каталога, например 1153097",
        error_messages={"required": "Укажите ID СТЕ"},
    )
    price = forms.CharField(
        label="Цена за единицу, ₽",
        max_length=20,
        help_text="Например, 2 489,50",
        error_messages={"required": "Укажите цену"},
    )
    stock = forms.CharField(label="Остаток", max_length=20, error_messages={"required": "Укажите остаток"})
    region_codes = forms.MultipleChoiceField(
        label="Регионы поставки",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Укажите хотя бы один регион поставки",
            "invalid_choice": "Регион не подключён к платформе",
        },
    )
    valid_from = forms.DateField(
        label="Действует с",
        error_messages=DATE_ERROR,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_until = forms.DateField(
        label="Действует по",
        error_messages=DATE_ERROR,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region_codes"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = regions
