"""Settings for jixiao, read from the environment.

With nothing set, the app runs in development mode on a SQLite file under var/.
Production sets SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and usually DATABASE_URL.
"""

from pathlib import Path

import dj_database_url

from jixiao.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("JIXIAO_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "jixiao.security",
    "jixiao.units",
    "jixiao.accounts",
    "jixiao.checks",
    "jixiao.goals",
    "jixiao.scoring",
    "jixiao.evaluations",
    "jixiao.documents",
    "jixiao.assessment",
    "jixiao.healthcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "jixiao.security.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jixiao.security.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "jixiao.security.middleware.RefusedInputMiddleware",
    # Last, so that its lockout answer comes after everything else ran.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jixiao.urls"
WSGI_APPLICATION = "jixiao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jixiao" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        # A connection the database dropped is replaced before the next request uses it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several people save at once on an assessment day; wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username is refused before its password is tried.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Passwords (OWASP ASVS 2.1): at least 12 characters, not a common password, not like the username.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "jixiao.security.passwords.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): the 5th wrong password for a username locks it until
# the unit admin (or the system admin) unlocks it, or AXES_COOLOFF_MINUTES pass.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Locked per username: offices reach the server through one NAT address, and locking that
# address would lock the whole office out. Rotating cookies or browsers does not help an
# attacker here because the username is the key (hence axes.W006 is silenced).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_COOLOFF_TIME = (env_int("AXES_COOLOFF_MINUTES", 30) / 60) or None
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Sessions: end after SESSION_IDLE_MINUTES without a request, and at the latest
# SESSION_MAX_HOURS after login, whatever the activity.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "jixiao" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

# Uploads: evidence files and reports are checked by content and size in the apps;
# these caps stop oversized requests before they reach a view.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HSTS is sent on HTTPS answers only; production behind a TLS proxy sets SECURE_PROXY_SSL_HEADER=1.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_FAILURE_VIEW = "jixiao.security.views.csrf_failure"

# Content-Security-Policy: scripts only from our own files (no inline script, no eval);
# data reach scripts through json_script blocks. Style attributes stay allowed because
# ECharts tooltips carry them; <style> elements do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Background work goes through Django's task interface. Tests and a single
# process run tasks at once; `make run` uses the database queue and one worker for every queue.
# Queues by kind, so that a province's batch of health checks never waits behind a run of
# documents (and the reverse): each kind can get its own worker processes (`run_worker
# --queue-name documents`, README "后台任务进程"). A task names its queue in its @task().
TASK_QUEUES = ["default", "documents", "healthchecks"]
TASKS_BACKEND = env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKEND,
        "QUEUES": TASK_QUEUES,
    }
}
# The distributed queue for when the database queue is no longer enough (README "何时换用分布式队列";
# measured by `make bench-rq`): TASKS_BACKEND=django_tasks_rq.RQBackend puts the same queues on Redis
# (RQ_REDIS_URL, one Redis database for all of them) and workers become `manage.py rqworker --job-class
# django_tasks_rq.Job documents`. django-tasks-rq is a bench-only dependency (requirements-dev.txt).
if TASKS_BACKEND.startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {name: {"URL": env_str("RQ_REDIS_URL", "redis://127.0.0.1:6379/0"), "DEFAULT_TIMEOUT": 600} for name in TASK_QUEUES}

# A RUNNING task older than this whose worker cannot be seen is taken as abandoned (run_worker, recover_tasks).
TASK_STALE_MINUTES = env_int("TASK_STALE_MINUTES", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Security events (logins, lockouts, access denials) as one key=value line each.
    "loggers": {"jixiao.security": {"handlers": ["console"], "level": env_str("SECURITY_LOG_LEVEL", "INFO"), "propagate": False}},
}
