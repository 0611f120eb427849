from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Logins, sessions, response headers and error pages: what protects every other app."""

    name = "jixiao.security"
    verbose_name = "安全"

    def ready(self):
        from jixiao.security import events, limits  # noqa: F401  (connect their signal receivers)
