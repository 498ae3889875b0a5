"""Contract-terms pages (names in the "web" namespace); included before urls_contracts, whose
`contracts/<id>/<action>/` would otherwise take "terms"."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import contract_terms

urlpatterns: list[URLPattern | URLResolver] = [
    path("contracts/<int:contract_id>/terms/", contract_terms.contract_terms, name="contract_terms"),
    path(
        "contracts/<int:contract_id>/terms/<slug:action>/",
        contract_terms.contract_terms_action,
        name="contract_terms_action",
    ),
    path(
        "contracts/<int:contract_id>/changes/<int:change_id>.pdf",
        contract_terms.contract_change_pdf,
        name="contract_change_pdf",
    ),
]
