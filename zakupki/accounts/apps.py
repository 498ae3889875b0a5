from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zakupki.accounts"
    label = "accounts"
    verbose_name = "Участники"
