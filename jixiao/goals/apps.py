from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "jixiao.goals"
    label = "goals"
    verbose_name = "绩效目标"

    def ready(self):
        import jixiao.goals.receivers  # noqa: F401
