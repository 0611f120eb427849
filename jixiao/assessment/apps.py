from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "jixiao.assessment"
    label = "assessment"
