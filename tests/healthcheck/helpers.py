"""Source documents for the health-check tests, and a .docx built from one of them."""

import io

from jixiao.healthcheck.reading import parse_plain_text
from jixiao.sources import DOCUMENTS_DIR

GANZHOU = "000_b6f6a98bd0c401b1.txt"
JIANGMEN = "001_aa621a6d6afe40b7.txt"
LISHUI = "002_9cad1fdfe21e52f7.txt"
YUEYANG = "003_dba0adaa812d8fb7.txt"
LIANYUNGANG = "004_ec5181be93802e64.txt"
ALL = [GANZHOU, JIANGMEN, LISHUI, YUEYANG, LIANYUNGANG]


def seed_bytes(name):
    return (DOCUMENTS_DIR / name).read_bytes()


def seed_text(name):
    return seed_bytes(name).decode("utf-8")


def docx_from_seed(name) -> bytes:
    """Word document with the seed's paragraphs as paragraphs and its tables as real tables."""
    import docx

    document = docx.Document()
    for kind, content in parse_plain_text(seed_text(name)):
        if kind == "p":
            document.add_paragraph(content.strip())
            continue
        width = max(len(row) for row in content)
        table = document.add_table(rows=0, cols=width)
        for cells in content:
            row = table.add_row()
            # Rows shorter than the table drop their trailing cells, as merged cells do in the original.
            for extra in row.cells[len(cells):]:
                extra._tc.getparent().remove(extra._tc)
            for cell, text in zip(row.cells, cells, strict=False):
                lines = [line for line in text.split("\n") if line.strip()] or [""]
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def check_text(text: str, name: str = "测试报告.txt"):
    """The health check of a report typed in a test."""
    from jixiao.healthcheck.domain import check_report

    return check_report(name, text.encode("utf-8"))
