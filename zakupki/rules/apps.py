from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "zakupki.rules"
    label = "rules"
    verbose_name = "Правила"

    def ready(self) -> None:
        # Legal numbers are checked before the first request: a broken rules file stops the process with
        # ImproperlyConfigured naming the file and the parameter, instead of failing some later deadline.
        from zakupki.rules.startup import load_rules_at_startup

        load_rules_at_startup()
