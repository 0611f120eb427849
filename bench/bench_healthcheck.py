"""Report health check: time and memory to check the largest source document, and the corpus.

The whole real-world corpus of issue 14 (tests/healthcheck/corpus and corpus_heldout:
public documents and their mutated copies) is checked once, end to end; its largest
file is timed as the median of repeated runs.

The largest of the five source documents (by bytes) is read, extracted and
checked end to end with `check_report`, as the command and the upload page
do; the median of repeated runs is reported, then the peak memory of one run
under tracemalloc. The same document as a .docx (built from its text, tables
included) is timed too, since uploads are mostly Word files.
"""

import statistics
import time
import tracemalloc
from pathlib import Path

RUNS = 15
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "healthcheck" / "corpus"
HELDOUT = CORPUS.parent / "corpus_heldout"


def _largest():
    from jixiao.sources import DOCUMENTS_DIR

    return max(DOCUMENTS_DIR.glob("*.txt"), key=lambda path: path.stat().st_size)


def add_text(document, text: str) -> None:
    """A report's plain text into a Word document: its paragraphs, and its tables as Word tables."""
    from jixiao.healthcheck.reading import parse_plain_text

    for kind, content in parse_plain_text(text):
        if kind == "p":
            document.add_paragraph(content.strip())
            continue
        table = document.add_table(rows=0, cols=max(len(row) for row in content))
        for cells in content:
            row = table.add_row()
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value


def _docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    add_text(document, text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _median_seconds(name, data):
    from jixiao.healthcheck.domain import check_report

    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        check_report(name, data)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run():
    from jixiao.healthcheck.domain import check_report

    path = _largest()
    data = path.read_bytes()
    check_report(path.name, data)  # warm imports (python-docx, pdfplumber, cn2an) outside the timing
    text_seconds = _median_seconds(path.name, data)
    docx_data = _docx(data.decode("utf-8"))
    docx_seconds = _median_seconds(path.with_suffix(".docx").name, docx_data)
    tracemalloc.start()
    check_report(path.name, data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size_kb = len(data) / 1024
    corpus_files = [path for corpus in (CORPUS, HELDOUT) for folder in ("documents", "mutants")
                    for path in sorted((corpus / folder).glob("*.txt"))]
    started = time.perf_counter()
    for corpus_file in corpus_files:
        check_report(corpus_file.name, corpus_file.read_bytes())
    corpus_seconds = time.perf_counter() - started
    largest = max(corpus_files, key=lambda p: p.stat().st_size)
    largest_seconds = _median_seconds(largest.name, largest.read_bytes())
    return [
        (f"报告体检：语料与留出集 {len(corpus_files)} 份（公开文件与注入错误副本）总用时", corpus_seconds, 20.0, "s"),
        (f"报告体检：语料中最大的文件（{largest.stat().st_size / 1024:.0f} KB）中位用时", largest_seconds, 1.0, "s"),
        (f"报告体检：最大的源文件 {path.name}（{size_kb:.0f} KB 文本）中位用时", text_seconds, 1.0, "s"),
        ("报告体检：同一文件的 .docx（含表格）中位用时", docx_seconds, 1.0, "s"),
        ("报告体检：检查该文件的内存峰值（tracemalloc）", peak / 1024 / 1024, None, "MB"),
    ]
