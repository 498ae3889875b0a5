from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "zakupki.oversight"
    label = "oversight"
    verbose_name = "Контроль"
