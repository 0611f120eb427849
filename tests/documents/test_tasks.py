"""Documents generated through the task queue (the immediate backend in tests)."""

import io

from django.core.files.storage import default_storage
from django_tasks import TaskResultStatus
from docx import Document

from jixiao.documents.tasks import generate_document


def test_task_stores_the_report_and_says_where(settings, tmp_path, yueyang_evaluation):
    settings.MEDIA_ROOT = tmp_path
    result = generate_document.enqueue(yueyang_evaluation.pk, "report.docx")
    assert result.status == TaskResultStatus.SUCCESSFUL
    path = result.return_value["path"]
    assert path == f"documents/{yueyang_evaluation.pk}/report.docx"
    with default_storage.open(path) as handle:
        document = Document(io.BytesIO(handle.read()))
    assert any(cell.text == "1003.30" for table in document.tables for row in table.rows for cell in row.cells)
    # Generating again replaces the file instead of piling up copies.
    again = generate_document.enqueue(yueyang_evaluation.pk, "report.docx")
    assert again.return_value["path"] == path
