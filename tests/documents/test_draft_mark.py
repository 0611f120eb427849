"""A document of an evaluation not yet approved says so on its first lines; an approved one does not."""

import io

from docx import Document

from jixiao.documents import generate
from jixiao.evaluations import domain


def first_paragraphs(data: bytes, count: int = 6) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs[:count]]


def test_the_report_waiting_for_review_is_marked_draft_and_the_approved_one_is_not(yueyang_evaluation, yueyang_reviewer):
    draft = first_paragraphs(generate.main_report_docx(yueyang_evaluation))
    assert "草稿（待审核，未经审核通过，仅供核对，不作为正式报送文本）" in draft
    domain.step(yueyang_evaluation, "approve", yueyang_reviewer)
    yueyang_evaluation.refresh_from_db()
    approved = first_paragraphs(generate.main_report_docx(yueyang_evaluation))
    assert not [text for text in approved if text.startswith("草稿")]
