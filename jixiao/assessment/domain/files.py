"""Uploaded files are recognised by their content, never by their name."""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

MB = 1024 * 1024
EVIDENCE_MAX_BYTES = 10 * MB
EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
PRESENTATION_KINDS = ("pptx", "pdf")

KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word（docx）",
    "xlsx": "Excel（xlsx）",
    "pptx": "PowerPoint（pptx）",
    "jpg": "JPG 图片",
    "png": "PNG 图片",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EXTENSIONS = {"pdf": {"pdf"}, "docx": {"docx"}, "xlsx": {"xlsx"}, "pptx": {"pptx"}, "jpg": {"jpg", "jpeg"}, "png": {"png"}}
# The part every Office Open XML file of that kind must hold.
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}


class UploadError(ValueError):
    """A file that cannot be accepted; the message is for the user, in Chinese."""


def sniff(stream: BinaryIO) -> str | None:
    """The file's kind from its first bytes (and, for Office files, the parts of the zip)."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            stream.seek(0)
        for part, kind in OOXML_MAIN_PARTS.items():
            if part in names:
                return kind
    return None


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB / 10 else f"{max(1, size // 1024)} KB"


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int
    name: str


def check_upload(name: str, size: int, stream: BinaryIO, allowed: tuple[str, ...], max_bytes: int) -> CheckedFile:
    if size == 0:
        raise UploadError("文件是空的")
    if size > max_bytes:
        raise UploadError(f"文件过大（{size_text(size)}），上限 {size_text(max_bytes)}")
    kind = sniff(stream)
    allowed_text = "、".join(KIND_LABELS[k] for k in allowed)
    if kind not in allowed:
        found = f"内容是 {KIND_LABELS[kind]}，" if kind else ""
        raise UploadError(f"文件「{name}」{found}不是可接受的类型（{allowed_text}）；按文件内容判断，与扩展名无关")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not extension:
        raise UploadError(f"文件「{name}」的内容是 {KIND_LABELS[kind]}，没有扩展名；请加上扩展名后再上传")
    if extension not in EXTENSIONS[kind]:
        raise UploadError(f"文件「{name}」的内容是 {KIND_LABELS[kind]}，扩展名却是“.{extension}”；请改正扩展名后再上传")
    return CheckedFile(kind, size, name)
