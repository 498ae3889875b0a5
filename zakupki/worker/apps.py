from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "zakupki.worker"
    label = "worker"
    verbose_name = "Исполнитель сроков"
