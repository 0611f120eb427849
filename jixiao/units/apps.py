from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "jixiao.units"
    label = "units"
