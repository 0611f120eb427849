from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "jixiao.scoring"
    label = "scoring"
