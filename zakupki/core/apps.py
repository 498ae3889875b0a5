from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zakupki.core"
    label = "core"
    verbose_name = "Ядро"
