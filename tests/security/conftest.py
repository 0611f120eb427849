import pytest


@pytest.fixture
def database_queue(settings):
    """Tasks go to the database queue, as in production, instead of running at once.

    Through pytest-django's `settings` (not @override_settings): mixing the two in one test
    restores them in the wrong order and leaves the database queue on for the tests after it.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
