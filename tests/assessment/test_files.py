"""Evidence and presentation files are recognised by their first bytes (and, for Office files, their parts)."""

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from jixiao.assessment.domain.files import EVIDENCE_KINDS, PRESENTATION_KINDS, UploadError, check_upload, sniff


def real_docx():
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def real_xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def pptx_like():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "kind"), [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\x89PNG\r\n\x1a\n....", "png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
    (real_docx(), "docx"),
    (real_xlsx(), "xlsx"),
    (pptx_like(), "pptx"),
    (b"MZ\x90\x00", None),
    (b"PK\x03\x04 broken zip", None),
    (b"", None),
])
def test_the_kind_comes_from_the_content(content, kind):
    assert sniff(io.BytesIO(content)) == kind


def test_an_upload_is_checked_for_size_kind_and_a_matching_extension():
    checked = check_upload("照片.JPEG", 12, io.BytesIO(b"\xff\xd8\xff" + b"0" * 9), EVIDENCE_KINDS, 100)
    assert (checked.kind, checked.size) == ("jpg", 12)

    with pytest.raises(UploadError, match="文件是空的"):
        check_upload("a.pdf", 0, io.BytesIO(b""), EVIDENCE_KINDS, 100)
    with pytest.raises(UploadError, match=r"文件过大（1 KB），上限 1 KB"):
        check_upload("a.pdf", 1500, io.BytesIO(b"%PDF-"), EVIDENCE_KINDS, 1024)
    with pytest.raises(UploadError, match="内容是 PowerPoint（pptx），不是可接受的类型"):
        check_upload("汇报.pptx", 100, io.BytesIO(pptx_like()), EVIDENCE_KINDS, 10_000)
    with pytest.raises(UploadError, match="文件「汇报」的内容是 PDF，没有扩展名"):
        check_upload("汇报", 10, io.BytesIO(b"%PDF-1.4"), PRESENTATION_KINDS, 10_000)
