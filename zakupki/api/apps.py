from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zakupki.api"
    label = "api"
    verbose_name = "API"
