from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zakupki.notifications"
    label = "notifications"
    verbose_name = "Уведомления"
