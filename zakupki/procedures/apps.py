from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "zakupki.procedures"
    label = "procedures"
    verbose_name = "Процедуры"
