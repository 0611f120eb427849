from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "jixiao.assessment"
    label = "assessment"
    verbose_name = "目标考核"

    def ready(self):
        from jixiao.assessment.views.home import home_panel
        from jixiao.units.home import home_panel as register

        register(home_panel)
