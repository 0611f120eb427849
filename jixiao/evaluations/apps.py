from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "jixiao.evaluations"
    label = "evaluations"
    verbose_name = "绩效自评"

    def ready(self):
        import jixiao.evaluations.receivers  # noqa: F401
        from jixiao.evaluations.todo import todo_panel
        from jixiao.units.home import home_panel

        home_panel(todo_panel)
