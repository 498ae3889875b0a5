from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zakupki.documents"
    label = "documents"
    verbose_name = "Документы и журнал"
