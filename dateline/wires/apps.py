from django.apps import AppConfig


class WiresConfig(AppConfig):
    name = "dateline.wires"
    verbose_name = "Wires"
