"""The subcontract form of the contract card (names in the "web" namespace); included before
urls_contracts, whose `contracts/<id>/<action>/` would otherwise take "subcontracts"."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import contract_subcontracts

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "contracts/<int:contract_id>/subcontracts/",
        contract_subcontracts.contract_subcontract_add_view,
        name="contract_subcontract_add",
    ),
]
