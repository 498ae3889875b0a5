from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "zakupki.analytics"
    label = "analytics"
    verbose_name = "Аналитика и оценка эффективности"

    def ready(self) -> None:
        # Like the rules files: a broken methodology stops the process at start with one line naming the
        # file and the indicator, instead of producing a wrong rating months later.
        from zakupki.analytics.startup import load_methodologies_at_startup

        load_methodologies_at_startup()
