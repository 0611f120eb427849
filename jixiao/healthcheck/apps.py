from django.apps import AppConfig


class HealthcheckConfig(AppConfig):
    name = "jixiao.healthcheck"
    label = "healthcheck"
