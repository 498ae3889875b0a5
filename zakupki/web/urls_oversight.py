"""Complaint, decision, ban and РНП pages (names in the "web" namespace)."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import oversight

urlpatterns: list[URLPattern | URLResolver] = [
    path("complaints/", oversight.complaint_list, name="complaints"),
    path("complaints/new/", oversight.complaint_new, name="complaint_new"),
    path("complaints/<int:complaint_id>/", oversight.complaint_page, name="complaint"),
    path(
        "complaints/<int:complaint_id>/documents/<int:document_id>/",
        oversight.complaint_document,
        name="complaint_document",
    ),
    path("complaints/<int:complaint_id>/<slug:action>/", oversight.complaint_action, name="complaint_action"),
    path("decisions/", oversight.decision_list, name="decisions"),
    path("bans/", oversight.ban_list, name="bans"),
    path("rnp/", oversight.rnp_list, name="rnp"),
]
