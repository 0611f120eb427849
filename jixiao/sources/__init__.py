"""Figures typed in from the six source documents: one place for the demo and the tests."""

from pathlib import Path

DOCUMENTS_DIR = Path(__file__).parent / "documents"


def document_path(key: str) -> Path:
    from jixiao.sources.units import DOCUMENTS  # noqa: PLC0415

    return DOCUMENTS_DIR / DOCUMENTS[key]
