from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "jixiao.checks"
    label = "checks"
