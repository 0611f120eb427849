"""Generating documents in the background (django_tasks: immediate in tests, database queue under `make run`).

A task's arguments and return value must be JSON, so the document is written to
the default storage and the task returns where it is.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks import task

from jixiao.documents import generate

GENERATORS = {
    "report.docx": generate.self_evaluation_report_docx,
    "basic-table.xlsx": generate.basic_table_xlsx,
    "basic-table.docx": generate.basic_table_docx,
    "project-table.xlsx": generate.project_self_evaluation_xlsx,
    "project-table.docx": generate.project_self_evaluation_docx,
}


def storage_path(evaluation_id: int, name: str) -> str:
    return f"documents/{evaluation_id}/{name}"


@task()
def generate_document(evaluation_id: int, name: str = "report.docx") -> dict:
    """Generate one document of a self-evaluation and store it; returns {"path", "size"}."""
    from jixiao.evaluations.models import SelfEvaluation

    evaluation = SelfEvaluation.objects.select_related("goal__unit_year__unit").get(pk=evaluation_id)
    data = GENERATORS[name](evaluation)
    path = storage_path(evaluation_id, name)
    # The latest generation replaces the previous one under the same name.
    if default_storage.exists(path):
        default_storage.delete(path)
    saved = default_storage.save(path, ContentFile(data))
    return {"path": saved, "size": len(data)}
