"""The OpenAPI description and its page."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_docs_page_responds():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content


@pytest.mark.django_db
def test_openapi_lists_every_endpoint_and_both_ways_in():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert sorted(schema["paths"]) == [
        "/api/v1/analytics/regions/{code}/dashboard",
        "/api/v1/analytics/regions/{code}/rating",
        "/api/v1/analytics/regions/{code}/rating/{customer_id}",
        "/api/v1/auth/tokens",
        "/api/v1/auth/tokens/{token_id}",
        "/api/v1/bans",
        "/api/v1/calendar/is-working-day",
        "/api/v1/calendar/working-days",
        "/api/v1/catalog/categories",
        "/api/v1/catalog/items",
        "/api/v1/catalog/items/{ste_id}",
        "/api/v1/catalog/offers",
        "/api/v1/catalog/offers/{offer_id}",
        "/api/v1/catalog/offers/{offer_id}/withdraw",
        "/api/v1/claims/{claim_id}/paid",
        "/api/v1/claims/{claim_id}/pdf",
        "/api/v1/claims/{claim_id}/withdraw",
        "/api/v1/claims/{claim_id}/writeoff",
        "/api/v1/complaints",
        "/api/v1/complaints/{complaint_id}",
        "/api/v1/complaints/{complaint_id}/accept",
        "/api/v1/complaints/{complaint_id}/decide",
        "/api/v1/complaints/{complaint_id}/order/report",
        "/api/v1/complaints/{complaint_id}/return",
        "/api/v1/complaints/{complaint_id}/withdraw",
        "/api/v1/contracts",
        "/api/v1/contracts/signing-deadlines",
        "/api/v1/contracts/{contract_id}",
        "/api/v1/contracts/{contract_id}/acceptance",
        "/api/v1/contracts/{contract_id}/acceptance-commission",
        "/api/v1/contracts/{contract_id}/acceptance/{document_id}/correction",
        "/api/v1/contracts/{contract_id}/acceptance/{document_id}/decision",
        "/api/v1/contracts/{contract_id}/acceptance/{document_id}/files/{kind}",
        "/api/v1/contracts/{contract_id}/acceptance/{document_id}/payments",
        "/api/v1/contracts/{contract_id}/acceptance/{document_id}/vote",
        "/api/v1/contracts/{contract_id}/changes",
        "/api/v1/contracts/{contract_id}/changes/{change_id}/decline",
        "/api/v1/contracts/{contract_id}/changes/{change_id}/sign",
        "/api/v1/contracts/{contract_id}/changes/{change_id}/withdraw",
        "/api/v1/contracts/{contract_id}/claims",
        "/api/v1/contracts/{contract_id}/cure",
        "/api/v1/contracts/{contract_id}/sign",
        "/api/v1/contracts/{contract_id}/stage-plan",
        "/api/v1/contracts/{contract_id}/subcontracts",
        "/api/v1/contracts/{contract_id}/terminate/agreement",
        "/api/v1/contracts/{contract_id}/terminate/agreement/accept",
        "/api/v1/contracts/{contract_id}/terminate/agreement/decline",
        "/api/v1/contracts/{contract_id}/terminate/court",
        "/api/v1/contracts/{contract_id}/termination-documents",
        "/api/v1/contracts/{contract_id}/termination-documents/{paper_id}/pdf",
        "/api/v1/contracts/{contract_id}/terms",
        "/api/v1/contracts/{contract_id}/unilateral-refusal",
        "/api/v1/decisions",
        "/api/v1/journal/verify",
        "/api/v1/me",
        "/api/v1/me/signing-key",
        "/api/v1/municipalities",
        "/api/v1/needs",
        "/api/v1/needs/{need_id}",
        "/api/v1/needs/{need_id}/award",
        "/api/v1/needs/{need_id}/cancel",
        "/api/v1/needs/{need_id}/convert",
        "/api/v1/needs/{need_id}/proposals",
        "/api/v1/needs/{need_id}/publish",
        "/api/v1/notifications",
        "/api/v1/notifications/read-all",
        "/api/v1/notifications/{notification_id}/read",
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/organizations/{organization_id}/confirm",
        "/api/v1/organizations/{organization_id}/private",
        "/api/v1/organizations/{organization_id}/reject",
        "/api/v1/oversight/dashboard",
        "/api/v1/purchases",
        "/api/v1/purchases/limits",
        "/api/v1/purchases/{purchase_id}",
        "/api/v1/regions",
        "/api/v1/regions/{code}",
        "/api/v1/regions/{code}/pending-customers",
        "/api/v1/registration/citizen",
        "/api/v1/registration/organization",
        "/api/v1/rnp",
        "/api/v1/rules",
        "/api/v1/rules/{key}",
        "/api/v1/sessions",
        "/api/v1/sessions/mine",
        "/api/v1/sessions/{session_id}",
        "/api/v1/sessions/{session_id}/autobid",
        "/api/v1/sessions/{session_id}/bids",
        "/api/v1/sessions/{session_id}/offer/accept",
        "/api/v1/sessions/{session_id}/offer/refuse",
        "/api/v1/sessions/{session_id}/protocol",
        "/api/v1/sessions/{session_id}/publish",
        "/api/v1/signals",
        "/api/v1/signals/mine",
        "/api/v1/signals/moderation",
        "/api/v1/signals/stats",
        "/api/v1/signals/{signal_id}",
        "/api/v1/signals/{signal_id}/answers",
        "/api/v1/signals/{signal_id}/answers/{answer_id}/approve",
        "/api/v1/signals/{signal_id}/answers/{answer_id}/reject",
        "/api/v1/signals/{signal_id}/photos/{photo_id}",
        "/api/v1/signals/{signal_id}/publish",
        "/api/v1/signals/{signal_id}/rate",
        "/api/v1/signals/{signal_id}/reject",
    ]
    assert sorted(schema["components"]["securitySchemes"]) == ["ApiTokenAuth", "BrowserSessionAuth"]
    assert schema["paths"]["/api/v1/me"]["get"]["responses"]["401"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/ErrorOut"}
