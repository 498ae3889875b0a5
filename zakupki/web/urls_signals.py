"""Citizens' signals pages (names in the "web" namespace)."""

from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import signals

urlpatterns: list[URLPattern | URLResolver] = [
    path("signals/", signals.signal_feed, name="signals"),
    path("signals/new/", signals.signal_new, name="signal_new"),
    path("signals/mine/", signals.signal_mine, name="signals_mine"),
    path("signals/moderation/", signals.signal_moderation, name="signals_moderation"),
    path("signals/stats/", signals.signal_statistics, name="signals_stats"),
    path("signals/stats.<slug:fmt>", signals.signal_statistics_export, name="signals_stats_export"),
    path("signals/<int:signal_id>/", signals.signal_page, name="signal"),
    path("signals/<int:signal_id>/photos/<int:photo_id>/", signals.signal_photo, name="signal_photo"),
    path("signals/<int:signal_id>/<slug:action>/", signals.signal_action, name="signal_action"),
]
