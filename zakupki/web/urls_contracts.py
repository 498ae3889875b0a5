"""Contract pages (names in the "web" namespace)."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import contracts, contracts_acceptance

urlpatterns: list[URLPattern | URLResolver] = [
    path("contracts/", contracts.contract_list, name="contracts"),
    path("contracts/<int:contract_id>/", contracts.contract_page, name="contract"),
    path("contracts/<int:contract_id>/<slug:action>/", contracts.contract_action, name="contract_action"),
    path(
        "contracts/<int:contract_id>/acceptance/<int:document_id>/<slug:kind>.pdf",
        contracts_acceptance.acceptance_file,
        name="acceptance_file",
    ),
]
