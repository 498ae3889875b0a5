from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "zakupki.web"
    label = "web"
    verbose_name = "Веб-интерфейс"
