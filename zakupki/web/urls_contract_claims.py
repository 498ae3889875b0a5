"""Claim and termination-document pages (names in the "web" namespace); included before urls_contracts,
whose `contracts/<id>/<action>/` would otherwise take "claims"."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import contract_claims

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "contracts/<int:contract_id>/claims/<slug:action>/",
        contract_claims.contract_claims_action,
        name="contract_claims_action",
    ),
    path(
        "contracts/<int:contract_id>/claims/<int:claim_id>.pdf",
        contract_claims.contract_claim_pdf,
        name="contract_claim_pdf",
    ),
    path(
        "contracts/<int:contract_id>/termination/<int:paper_id>.pdf",
        contract_claims.contract_termination_pdf,
        name="contract_termination_pdf",
    ),
]
