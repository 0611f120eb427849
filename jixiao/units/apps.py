from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "jixiao.units"
    label = "units"
    verbose_name = "单位与角色"
