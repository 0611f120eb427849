"""Report health check: the same 56-page PDF checked five times at once gives the same findings each time.

Reading a PDF is bounded by pages and page size (healthcheck/reading: MAX_PDF_PAGES,
MAX_PDF_PAGE_BYTES), never by a clock, so a busy machine changes how long a check takes,
not what it finds. The PDF is made once from the health check's corpus (its mutated
documents, which carry findings, then the originals): each document's text as a Word
file (paragraphs and tables), converted by LibreOffice, the first 56 pages kept
(pypdfium2). It is cached under var/ (about a minute to make on a loaded machine).

The five checks run in five processes at the same time, on top of whatever else the
machine runs; each returns its pages, notes and findings (code, severity, message),
and the runs are compared.
"""

import hashlib
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from bench_healthcheck import add_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "healthcheck" / "corpus"
PAGES = 56
RUNS = 5
CACHED = ROOT / "var" / f"bench-healthcheck-{PAGES}-pages.pdf"


def _document_text() -> list[str]:
    mutants = sorted((CORPUS / "mutants").glob("*.txt"))
    originals = sorted((CORPUS / "documents").glob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in mutants + originals]


def build_pdf(pages: int = PAGES) -> bytes:
    """A PDF of exactly `pages` pages made from the corpus (Word → LibreOffice → the first pages kept)."""
    import docx
    import pypdfium2

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-pdf-") as workdir:
        document = docx.Document()
        # Each document starts a page (most fill one), so pages + 4 documents give the pages wanted; more would make
        # LibreOffice slower.
        for text in _document_text()[: pages + 4]:
            add_text(document, text)
            document.add_page_break()
        source = Path(workdir) / "corpus.docx"
        document.save(source)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{workdir}/profile", "--convert-to", "pdf",
                        "--outdir", workdir, str(source)], check=True, capture_output=True, timeout=600)
        whole = pypdfium2.PdfDocument(str(Path(workdir) / "corpus.pdf"))
        if len(whole) < pages:
            raise RuntimeError(f"语料只排出 {len(whole)} 页，不足 {pages} 页")
        kept = pypdfium2.PdfDocument.new()
        kept.import_pages(whole, list(range(pages)))
        target = Path(workdir) / "kept.pdf"
        kept.save(str(target))
        return target.read_bytes()


def the_pdf() -> bytes:
    if not CACHED.exists():
        CACHED.parent.mkdir(parents=True, exist_ok=True)
        CACHED.write_bytes(build_pdf())
    return CACHED.read_bytes()


def check_once(data: bytes) -> dict:
    """One check of the PDF (in a child process): what it read and what it found, and how long it took."""
    from jixiao.healthcheck.domain import check_report

    started = time.perf_counter()
    result = check_report(f"{PAGES}页报告.pdf", data)
    pages = sorted({block.page for block in result.blocks if getattr(block, "page", None)})
    return {
        "seconds": time.perf_counter() - started,
        "pages": pages,
        "notes": list(result.notes),
        "findings": [(finding.code, finding.severity, finding.message) for finding in result.findings],
    }


def run():
    started = time.perf_counter()
    data = the_pdf()
    made = time.perf_counter() - started
    # fork: the children inherit the configured Django of this process.
    with ProcessPoolExecutor(max_workers=RUNS, mp_context=get_context("fork")) as pool:
        runs = list(pool.map(check_once, [data] * RUNS))
    outcomes = {hashlib.sha256(repr((run["pages"], run["notes"], run["findings"])).encode()).hexdigest() for run in runs}
    first = runs[0]
    seconds = sorted(run["seconds"] for run in runs)
    return [
        (f"{PAGES} 页 PDF（由体检语料生成，{len(data) / 1024 / 1024:.1f} MB；生成或读取缓存）", made, None, "s"),
        (f"  同时体检 {RUNS} 次：每次读取 {len(first['pages'])} 页、{len(first['findings'])} 条发现；最慢一次", seconds[-1], None, "s"),
        ("  最快一次", seconds[0], None, "s"),
        (f"  {RUNS} 次结果（页、说明、发现）不同的种数 − 1", len(outcomes) - 1, 0, "种"),
    ]
