"""Public analytics pages of a region (names in the "web" namespace)."""

from django.urls import URLPattern, path

from zakupki.web.views import analytics

urlpatterns: list[URLPattern] = [
    path("analytics/", analytics.analytics_index, name="analytics"),
    path("analytics/<str:code>/", analytics.analytics_dashboard, name="analytics_dashboard"),
    path(
        "analytics/<str:code>/export/<slug:table>.<str:fmt>",
        analytics.analytics_dashboard_export,
        name="analytics_dashboard_export",
    ),
    path("analytics/<str:code>/rating/", analytics.analytics_rating, name="analytics_rating"),
    path(
        "analytics/<str:code>/rating/export.<str:fmt>",
        analytics.analytics_rating_export,
        name="analytics_rating_export",
    ),
    path(
        "analytics/<str:code>/rating/<int:customer_id>/",
        analytics.analytics_customer,
        name="analytics_customer",
    ),
    path(
        "analytics/<str:code>/rating/<int:customer_id>/export/<slug:table>.<str:fmt>",
        analytics.analytics_customer_export,
        name="analytics_customer_export",
    ),
]
