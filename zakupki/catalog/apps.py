from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "zakupki.catalog"
    label = "catalog"
    verbose_name = "Каталог"
