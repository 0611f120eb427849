from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "jixiao.scoring"
    label = "scoring"
    verbose_name = "评分办法"
