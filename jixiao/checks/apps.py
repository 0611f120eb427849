from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "jixiao.checks"
    label = "checks"
    verbose_name = "检查"

    def ready(self):
        # Every rule is registered once its family is imported; import them all so that
        # the registry knows every code (titles and fixes of stored findings).
        import jixiao.checks.rules  # noqa: F401
