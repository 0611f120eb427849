from django.apps import AppConfig


class HealthcheckConfig(AppConfig):
    name = "jixiao.healthcheck"
    label = "healthcheck"
    verbose_name = "报告体检"
