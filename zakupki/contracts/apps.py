from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "zakupki.contracts"
    label = "contracts"
    verbose_name = "Контракты"
