from django.apps import AppConfig


class PurchasesConfig(AppConfig):
    name = "zakupki.purchases"
    label = "purchases"
    verbose_name = "Прямые закупки и потребности"
