from django.apps import AppConfig


class PublicSignalsConfig(AppConfig):
    name = "zakupki.public_signals"
    label = "public_signals"
    verbose_name = "Сообщения граждан"
