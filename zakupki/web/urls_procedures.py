"""Quotation session pages and their live event stream (names in the "web" namespace)."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import live, procedures

urlpatterns: list[URLPattern | URLResolver] = [
    path("sessions/", procedures.session_list, name="sessions"),
    path("sessions/new/", procedures.session_new, name="session_new"),
    path("sessions/<int:session_id>/", procedures.session_page, name="session"),
    path("sessions/<int:session_id>/publish/", procedures.session_publish_view, name="session_publish"),
    path("sessions/<int:session_id>/bid/", procedures.session_bid, name="session_bid"),
    path("sessions/<int:session_id>/autobid/", procedures.session_autobid, name="session_autobid"),
    path(
        "sessions/<int:session_id>/autobid/cancel/",
        procedures.session_autobid_cancel,
        name="session_autobid_cancel",
    ),
    path("sessions/<int:session_id>/events/", live.session_events, name="session_events"),
    path("sessions/<int:session_id>/protocol/", procedures.session_protocol, name="session_protocol"),
    path("sessions/<int:session_id>/offer/accept/", procedures.offer_accept, name="session_offer_accept"),
    path("sessions/<int:session_id>/offer/refuse/", procedures.offer_refuse, name="session_offer_refuse"),
]
