"""Forms of the citizens' signals pages. They check the shape only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from zakupki.public_signals.enums import Rating, RejectReason, SignalCategory


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files in one field; each is checked by the service (decoded with Pillow)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class SignalForm(forms.Form):
    category = forms.ChoiceField(
        label="О чём сообщение",
        choices=SignalCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите категорию сообщения", "invalid_choice": "Выберите категорию"},
    )
    municipality = forms.TypedChoiceField(
        label="Муниципальное образование",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Выберите муниципальное образование",
            "invalid_choice": "Выберите муниципальное образование из списка",
        },
    )
    session = forms.IntegerField(
        label="Номер закупки (котировочной сессии)",
        required=False,
        min_value=1,
        help_text="Для сообщения о закупке",
        error_messages={"invalid": "Номер закупки — целое число", "min_value": "Номер закупки — целое число"},
    )
    contract = forms.CharField(
        label="Реестровый номер контракта",
        required=False,
        max_length=20,
        help_text="Для сообщения об исполнении контракта",
    )
    facility_address = forms.CharField(
        label="Адрес объекта",
        required=False,
        max_length=500,
        help_text="Для сообщения об общественном объекте",
    )
    text = forms.CharField(
        label="Текст сообщения",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Напишите текст сообщения"},
    )
    photos = MultiplePhotoField(
        label="Фотографии",
        required=False,
        help_text="JPEG, PNG или WebP",
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, municipalities: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "— выберите —"), *municipalities]


class PublishForm(forms.Form):
    organization = forms.TypedChoiceField(
        label="Ответственная организация",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Выберите организацию",
            "invalid_choice": "Выберите организацию из списка",
        },
    )

    def __init__(self, *args: Any, organizations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "— выберите —"), *organizations]


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Причина отклонения",
        choices=[("", "— выберите —"), *RejectReason.choices],
        error_messages={
            "required": "Выберите причину отклонения из списка",
            "invalid_choice": "Выберите причину отклонения из списка",
        },
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Текст ответа",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Напишите текст ответа"},
    )


class AnswerRejectForm(forms.Form):
    comment = forms.CharField(
        label="Замечание для организации",
        max_length=1000,
        error_messages={"required": "Напишите, что нужно исправить в ответе"},
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label="Ваша оценка ответа",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите оценку", "invalid_choice": "Выберите оценку"},
    )
    send_back = forms.BooleanField(label="Вернуть на повторный ответ (один раз)", required=False)
