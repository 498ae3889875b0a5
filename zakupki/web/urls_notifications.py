"""Notification pages (names in the "web" namespace)."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import notifications

urlpatterns: list[URLPattern | URLResolver] = [
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read-all/", notifications.notification_read_all, name="notifications_read_all"),
    path(
        "notifications/<int:notification_id>/read/",
        notifications.notification_read,
        name="notification_read",
    ),
]
