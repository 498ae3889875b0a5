from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "zakupki.interop"
    label = "interop"
    verbose_name = "Обмен данными с ЕИС"
