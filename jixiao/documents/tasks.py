"""Generating documents in the background (django_tasks: immediate in tests, database queue under `make run`).

A task's arguments and return value must be JSON, so the document is written to
the default storage and the task returns where it is.

PDFs: LibreOffice takes seconds, so no request waits for it. The page asks for
the PDF of the report as it is now; the PDF is stored under the hash of the .docx
it was made from, so an unchanged report is converted once and a changed one
gets a new PDF. A failed conversion leaves a marker the progress page reports.
"""

import hashlib
import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks import task

from jixiao.documents import generate

GENERATORS = {
    "report.docx": generate.main_report_docx,
    "basic-table.xlsx": generate.basic_table_xlsx,
    "basic-table.docx": generate.basic_table_docx,
    "project-table.xlsx": generate.project_self_evaluation_xlsx,
    "project-table.docx": generate.project_self_evaluation_docx,
}
PDF_DIR = "documents/pdf"


def storage_path(evaluation_id: int, name: str) -> str:
    return f"documents/{evaluation_id}/{name}"


def content_hash(data: bytes) -> str:
    """The hash of what a document says: every part of the .docx but its timestamps (docProps/core.xml)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if name != "docProps/core.xml":
                digest.update(name.encode())
                digest.update(archive.read(name))
    return digest.hexdigest()[:32]


def pdf_path(digest: str) -> str:
    return f"{PDF_DIR}/{digest}.pdf"


def failed_path(digest: str) -> str:
    return f"{PDF_DIR}/{digest}.failed"


def pending_path(digest: str) -> str:
    return f"{PDF_DIR}/{digest}.pending"


def _replace(path: str, data: bytes) -> str:
    if default_storage.exists(path):
        default_storage.delete(path)
    return default_storage.save(path, ContentFile(data))


@task(queue_name="documents")
def generate_document(evaluation_id: int, name: str = "report.docx") -> dict:
    """Generate one document of a self-evaluation and store it; returns {"path", "size"}."""
    from jixiao.evaluations.models import SelfEvaluation

    evaluation = SelfEvaluation.objects.select_related("goal__unit_year__unit").get(pk=evaluation_id)
    data = GENERATORS[name](evaluation)
    # The latest generation replaces the previous one under the same name.
    saved = _replace(storage_path(evaluation_id, name), data)
    return {"path": saved, "size": len(data)}


@task(queue_name="documents")
def render_pdf(evaluation_id: int, digest: str, version: int | None = None) -> dict:
    """Convert the evaluation's report (as snapshot `version` froze it, if given) to PDF and store it under the hash of the .docx it came from.

    The report is generated again here; if it changed since the page asked, the
    PDF is stored under the new hash and the old request is marked failed so the
    page asks again rather than waiting forever.
    """
    from jixiao.evaluations.models import SelfEvaluation

    evaluation = SelfEvaluation.objects.select_related("goal__unit_year__unit").get(pk=evaluation_id)
    docx = generate.main_report_docx(evaluation, version=version)
    current = content_hash(docx)
    try:
        if default_storage.exists(pdf_path(current)):
            return {"path": pdf_path(current), "cached": True}
        pdf = generate.to_pdf(docx)
        if pdf is None:
            _replace(failed_path(digest), b"soffice")
            return {"path": "", "error": "conversion failed"}
        saved = _replace(pdf_path(current), pdf)
        if current != digest:
            _replace(failed_path(digest), b"changed")
        return {"path": saved, "cached": False}
    finally:
        if default_storage.exists(pending_path(digest)):
            default_storage.delete(pending_path(digest))


def pdf_gave_up(evaluation_id: int, digest: str) -> None:
    """The queue gave up on a conversion (its worker kept dying): mark it failed, so that the
    progress page stops waiting and offers to try again."""
    _replace(failed_path(digest), b"worker")
    if default_storage.exists(pending_path(digest)):
        default_storage.delete(pending_path(digest))
