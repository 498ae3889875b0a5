"""Forms of the contract page: acceptance lines, the customer's decision, payment, termination."""

from __future__ import annotations

from typing import Any

from django import forms

from zakupki.contracts.models import ContractItem


class LinesForm(forms.Form):
    """One optional quantity field per contract item: `qty_<item id>`."""

    stage_number = forms.IntegerField(label="№ этапа", min_value=1, initial=1)

    def __init__(self, *args: Any, items: list[ContractItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"qty_{item.pk}"] = forms.DecimalField(
                label=f"{item.name}, {item.unit}", required=False, min_value=0, decimal_places=3
            )

    def quantities(self) -> dict[int, Any]:
        return {
            item.pk: self.cleaned_data[f"qty_{item.pk}"]
            for item in self.items
            if self.cleaned_data.get(f"qty_{item.pk}")
        }


class DecisionForm(LinesForm):
    stage_number = forms.IntegerField(required=False)
    decision = forms.ChoiceField(
        label="Решение",
        choices=[("full", "Принять полностью"), ("partial", "Принять частично"), ("refuse", "Отказать")],
    )
    refuse_reason = forms.CharField(label="Причина отказа", max_length=2000, required=False)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label="Сумма, ₽", min_value=0, decimal_places=2)
    paid_on = forms.DateField(label="Дата оплаты", input_formats=["%d.%m.%Y", "%Y-%m-%d"])


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Нарушение", max_length=2000)


class CourtForm(forms.Form):
    decision_ref = forms.CharField(label="Реквизиты решения суда", max_length=2000)
