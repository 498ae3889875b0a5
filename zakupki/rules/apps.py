from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "zakupki.rules"
    label = "rules"
    verbose_name = "Правила"
