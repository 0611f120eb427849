from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "jixiao.goals"
    label = "goals"

    def ready(self):
        import jixiao.goals.receivers  # noqa: F401
