from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "jixiao.evaluations"
    label = "evaluations"

    def ready(self):
        from jixiao.evaluations.todo import todo_panel
        from jixiao.units.home import home_panel

        home_panel(todo_panel)
