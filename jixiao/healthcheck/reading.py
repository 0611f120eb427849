"""Reading a report file into text blocks: paragraphs and table cells, in document order.

`read_report(filename, data)` accepts .txt (UTF-8 or GB18030), .docx and
text-layer .pdf. Every refusal — empty, too large, not what its name says, a
zip bomb, a scanned PDF, a broken file — is a `ReportUnreadable` with a
Chinese message for the user; no other exception leaves this module.

Plain-text copies of Word reports (such as the source documents) write each
table cell on a line starting with a tab and separate table rows by a blank
line; they are read back into the same cells a .docx gives.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

MAX_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 200
# The XML of a Word file is parsed in memory at several times its size; images are not parsed.
MAX_XML_PART = 30 * 1024 * 1024
MAX_PDF_PAGES = 100
# Bounds on what is read, never a clock: the same file gives the same text (and findings) on a busy
# machine as on a quiet one. A page whose drawing instructions exceed this is not laid out (a scanned
# or vector-heavy page holds no more text than a normal one, but costs seconds); the result says so.
MAX_PDF_PAGE_BYTES = 4 * 1024 * 1024
MAX_BLOCKS = 20000
# About 500 pages of Chinese text; checking that much takes some ten seconds.
MAX_TEXT_CHARS = 1_000_000
MIN_PDF_TEXT = 20


class ReportUnreadable(Exception):
    """The file cannot be read; `message` says why, in Chinese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Block:
    """A paragraph or a table cell. `position` is for people ("第3段", "表2 第3行第4列")."""

    index: int
    kind: str  # "paragraph" or "cell"
    text: str
    position: str
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None

    def as_dict(self) -> dict:
        return {
            "index": self.index,
            "kind": self.kind,
            "text": self.text,
            "position": self.position,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "page": self.page,
        }


@dataclass
class ReportText:
    filename: str
    format: str  # "txt", "docx", "pdf"
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    def rows(self) -> dict:
        """Table rows: (table, row) → cells in column order."""
        rows: dict = {}
        for block in self.blocks:
            if block.kind == "cell":
                rows.setdefault((block.table, block.row), []).append(block)
        return rows


class _Builder:
    """Numbers paragraphs and cells as they come, in document order."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.chars = 0

    def paragraph(self, text: str, page: int | None = None):
        text = text.strip()
        if not text:
            return
        self._check_size(text)
        self.paragraphs += 1
        where = f"第{page}页 第{self.paragraphs}段" if page else f"第{self.paragraphs}段"
        self.blocks.append(Block(len(self.blocks), "paragraph", text, where, page=page))

    def cell(self, text: str, table: int, row: int, column: int, page: int | None = None):
        self._check_size(text)
        text = rejoin_wrapped_number("\n".join(line.strip() for line in text.splitlines() if line.strip()))
        where = f"第{page}页 表{table} 第{row}行第{column}列" if page else f"表{table} 第{row}行第{column}列"
        self.blocks.append(Block(len(self.blocks), "cell", text, where, table, row, column, page))

    def _check_size(self, text: str = ""):
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            raise ReportUnreadable(
                f"文件文字超过 {MAX_TEXT_CHARS // 10000} 万字，超出一份绩效报告的篇幅，无法在限定时间内检查，请拆分后再上传。"
            )
        if len(self.blocks) >= MAX_BLOCKS:
            raise ReportUnreadable(f"文件段落和表格单元格超过 {MAX_BLOCKS} 个，无法在限定时间内检查，请拆分后再上传。")


def read_report(filename: str, data: bytes) -> ReportText:
    """Read one uploaded report. Raises only ReportUnreadable."""
    try:
        return _read(filename, data)
    except ReportUnreadable:
        raise
    except MemoryError as error:
        raise ReportUnreadable("文件内容过大，超出可处理的内存范围，请拆分后再上传。") from error
    except Exception as error:  # any parser failure on a malformed file becomes a clear refusal
        raise ReportUnreadable(f"无法读取“{display_name(filename)}”：文件已损坏或格式不正确。") from error


def check_size(filename: str, size: int):
    """Refuse a file by its size alone, before anyone reads it into memory."""
    if size > MAX_BYTES:
        raise ReportUnreadable(
            f"“{display_name(filename)}”大小为 {size / 1024 / 1024:.1f} MB，超过上限 {MAX_BYTES // 1024 // 1024} MB，"
            "请压缩图片或拆分后再上传。"
        )


def display_name(filename) -> str:
    """The file's own name without any directory part, as messages show it."""
    return PurePath(str(filename or "")).name or "（未命名文件）"


def _read(filename: str, data: bytes) -> ReportText:
    name = display_name(filename)
    if not isinstance(data, bytes | bytearray):
        raise ReportUnreadable(f"无法读取“{name}”：没有收到文件内容。")
    data = bytes(data)
    if len(data) == 0:
        raise ReportUnreadable(f"“{name}”是空文件（0 字节），没有可检查的内容。")
    check_size(name, len(data))
    suffix = PurePath(name).suffix.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    is_pdf = data[:1024].lstrip()[:5] == b"%PDF-"
    is_ole = data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if suffix == ".doc" or (is_ole and suffix in {".docx", ".txt", ""}):
        raise ReportUnreadable(f"“{name}”是旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再上传。")
    if suffix == ".docx":
        if not is_zip:
            raise ReportUnreadable(f"“{name}”的扩展名是 .docx，但内容不是 Word 文档（可能已损坏或被改名），已拒绝。")
        return _read_docx(name, data)
    if suffix == ".pdf":
        if not is_pdf:
            raise ReportUnreadable(f"“{name}”的扩展名是 .pdf，但内容不是 PDF 文件，已拒绝。")
        return _read_pdf(name, data)
    if suffix in {".txt", ".text", ""}:
        if is_zip or is_pdf:
            raise ReportUnreadable(f"“{name}”的内容是 Word 或 PDF 文件，请使用正确的扩展名（.docx / .pdf）。")
        return _read_txt(name, data)
    raise ReportUnreadable(f"不支持“{suffix}”格式的文件，请上传 .docx、.pdf 或 .txt。")


# --- plain text ---------------------------------------------------------


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f\v")
        if "\x00" in text or controls > max(2, len(text) // 200):
            break
        return text, encoding
    raise ReportUnreadable(f"“{name}”不是可识别的文本文件（既不是 UTF-8 也不是 GB18030 编码的文字）。")


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") or line.startswith(" \t")


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a web table copied as text, "总额 | 238.93 | 251.89 |"; None for prose."""
    stripped = line.strip()
    if "|" not in stripped or not (stripped.endswith("|") or " | " in stripped or stripped.startswith("|")):
        return None
    parts = stripped.split("|")
    if stripped.endswith("|"):
        parts = parts[:-1]
    return [part.strip() for part in parts] or None


def tab_cells(raw: str) -> list[str] | None:
    """The cells of a row copied from a spreadsheet or a Word table as tab-separated text,
    "其中：本年财政拨款\t202.64\t132.912"; leading tabs are empty cells. None when the line has no tab
    between words (a Word copy's "\t项目名称" is one cell: see parse_plain_text)."""
    line = raw.rstrip()
    body = line[2:] if line.startswith(" \t") else line[1:] if line.startswith("\t") else line
    if "\t" not in body.strip():
        return None
    return [cell.strip() for cell in line.split("\t")]


# A number wrapped inside a narrow PDF cell: "1,286,40" over "0.00".
_NUMBER_PIECES = re.compile(r"[\d,.\-\n ]+")
_WHOLE_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")


def rejoin_wrapped_number(text: str) -> str:
    """Join the lines of a cell that hold the pieces of one number; other cells stay as they are."""
    if "\n" not in text or not _NUMBER_PIECES.fullmatch(text.replace("%", "")):
        return text
    first = text.split("\n", 1)[0]
    joined = text.replace("\n", "").replace(" ", "")
    # Only a first line that is not a number by itself was cut: "12" over "34" are two numbers.
    return joined if not _WHOLE_NUMBER.fullmatch(first) and _WHOLE_NUMBER.fullmatch(joined) else text


def parse_plain_text(text: str) -> list[tuple]:
    """The structure of a text copy: ("p", text) and ("table", [[cell, ...], ...]) in order."""
    items: list[tuple] = []
    table: list[list[str]] | None = None
    row: list[str] | None = None
    blank_before = True
    pipe_table: list[list[str]] | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        cells = tab_cells(raw) or (None if _is_cell_line(raw) else pipe_cells(line))
        if cells is not None:
            if pipe_table is None:
                pipe_table = []
                items.append(("table", pipe_table))
            pipe_table.append(cells)
            table, row = None, None
            continue
        if line.strip():
            pipe_table = None
        if _is_cell_line(raw):
            cell = raw.split("\t", 1)[1]
            if table is None:
                table = []
                items.append(("table", table))
            if row is None or blank_before:
                row = []
                table.append(row)
            row.append(cell)
            blank_before = False
        elif not line.strip():
            blank_before = True
        elif table is not None and row:
            # A line without a tab inside a table continues the cell above it.
            row[-1] = row[-1] + "\n" + line
            blank_before = False
        else:
            items.append(("p", line))
            blank_before = False
    return items


def _read_txt(name: str, data: bytes) -> ReportText:
    text, encoding = _decode(name, data)
    builder = _Builder()
    tables = 0
    for kind, content in parse_plain_text(text):
        if kind == "p":
            builder.paragraph(content)
        else:
            tables += 1
            for row_number, cells in enumerate(content, start=1):
                for column, cell in enumerate(cells, start=1):
                    builder.cell(cell, tables, row_number, column)
    if not builder.blocks:
        raise ReportUnreadable(f"“{name}”中没有文字内容。")
    return ReportText(name, "txt", builder.blocks, encoding=encoding)


# --- Word ----------------------------------------------------------------


def _guard_zip(name: str, data: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ReportUnreadable(f"“{name}”不是完整的 Word 文档（压缩包已损坏），已拒绝。") from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise ReportUnreadable(f"“{name}”包含的内部文件过多（{len(entries)} 个），疑似恶意文件，已拒绝。")
        total = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries)
        if total > MAX_UNCOMPRESSED:
            raise ReportUnreadable(
                f"“{name}”解压后达 {total / 1024 / 1024:.0f} MB，超过上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB，"
                "疑似“压缩炸弹”，已拒绝。"
            )
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")) and entry.file_size > MAX_XML_PART:
                raise ReportUnreadable(
                    f"“{name}”的正文部分（{entry.filename}）解压后达 {entry.file_size / 1024 / 1024:.0f} MB，"
                    f"超过上限 {MAX_XML_PART // 1024 // 1024} MB，无法在限定内存内读取，已拒绝。"
                )
        if total > 1024 * 1024 and total > MAX_ZIP_RATIO * max(packed, 1):
            raise ReportUnreadable(f"“{name}”的压缩比异常（约 {total // max(packed, 1)} 倍），疑似“压缩炸弹”，已拒绝。")
        names = {entry.filename for entry in entries}
        if "word/document.xml" not in names:
            raise ReportUnreadable(f"“{name}”是压缩包，但不是 Word 文档（缺少正文 word/document.xml），已拒绝。")


def _cell_text(tc) -> str:
    from docx.oxml.ns import qn

    lines = []
    for paragraph in tc.iter(qn("w:p")):
        lines.append("".join(node.text or "" for node in paragraph.iter(qn("w:t"))))
    return "\n".join(lines)


def _body_elements(body, qn):
    """Paragraphs and tables in order, looking inside content controls (w:sdt) that wrap them."""
    for element in body.iterchildren():
        if element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content, qn)
        else:
            yield element


def _read_docx(name: str, data: bytes) -> ReportText:
    _guard_zip(name, data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a malformed package
        raise ReportUnreadable(f"“{name}”无法作为 Word 文档打开（文件已损坏或格式不正确）。") from error
    builder = _Builder()
    tables = 0
    for element in _body_elements(document.element.body, qn):
        if element.tag == qn("w:p"):
            builder.paragraph("".join(node.text or "" for node in element.iter(qn("w:t"))))
        elif element.tag == qn("w:tbl"):
            tables += 1
            rows = [child for child in element.iterchildren() if child.tag == qn("w:tr")]
            for row_number, tr in enumerate(rows, start=1):
                cells = [child for child in tr.iterchildren() if child.tag == qn("w:tc")]
                for column, tc in enumerate(cells, start=1):
                    builder.cell(_cell_text(tc), tables, row_number, column)
    if not any(block.text for block in builder.blocks):
        raise ReportUnreadable(f"“{name}”中没有文字内容。")
    return ReportText(name, "docx", builder.blocks)


# --- PDF -------------------------------------------------------------------

_SENTENCE_END = "。：；！？:;"


def _read_pdf_page(page, number: int, builder: _Builder, tables: int) -> int:
    """Text lines and ruled tables of one page, in reading order; returns the running table count."""
    try:
        found = page.find_tables()
    except Exception:  # a page whose drawing confuses the table finder is still read as text
        found = []
    outside = page
    for table in found:
        try:
            outside = outside.outside_bbox(table.bbox)
        except Exception:  # a table box partly off the page: keep its text as lines
            continue
    items = [(line["top"], "line", line["text"]) for line in outside.extract_text_lines()]
    items += [(table.bbox[1], "table", table) for table in found]
    items.sort(key=lambda item: (item[0], item[1] == "line"))
    paragraph = ""
    for _, kind, content in items:
        if kind == "table":
            builder.paragraph(paragraph, page=number)
            paragraph = ""
            tables += 1
            for row_number, row in enumerate(content.extract(), start=1):
                for column, text in enumerate(row, start=1):
                    # None marks a merged-away cell; keeping it as empty keeps the columns aligned.
                    builder.cell(text or "", tables, row_number, column, page=number)
            continue
        line = content.strip()
        if not line:
            continue
        paragraph += line
        # Lines of a PDF are wrapped at the page edge; a paragraph ends at a sentence end.
        if line[-1] in _SENTENCE_END or len(line) < 20:
            builder.paragraph(paragraph, page=number)
            paragraph = ""
    builder.paragraph(paragraph, page=number)
    return tables


def _pdf_page_count(data: bytes) -> int | None:
    try:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            return len(document)
        finally:
            document.close()
    except Exception:  # the count is only for the note; pdfplumber decides whether the file is readable
        return None


def _content_bytes(page) -> int:
    """The size of a page's drawing instructions as stored (their declared lengths; nothing is decoded)."""
    from pdfminer.pdftypes import resolve1

    contents = resolve1(page.page_obj.attrs.get("Contents"))
    streams = contents if isinstance(contents, list) else [contents]
    size = 0
    for reference in streams:
        attrs = getattr(resolve1(reference), "attrs", None)
        if attrs:
            size += int(resolve1(attrs.get("Length", 0)) or 0)
    return size


def _read_pdf(name: str, data: bytes) -> ReportText:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    builder = _Builder()
    notes = []
    total = _pdf_page_count(data)
    try:
        # Only the first pages are ever parsed: a 2,000-page PDF costs what 100 pages cost.
        pdf = pdfplumber.open(io.BytesIO(data), pages=list(range(1, MAX_PDF_PAGES + 1)))
    except Exception as error:  # pdfminer raises its own exception family on a broken file
        raise ReportUnreadable(f"“{name}”无法作为 PDF 打开（文件已损坏或已加密）。") from error
    with pdf:
        read = 0
        tables = 0
        skipped = []
        for number, page in enumerate(pdf.pages, start=1):
            if _content_bytes(page) > MAX_PDF_PAGE_BYTES:
                skipped.append(number)
                continue
            tables = _read_pdf_page(page, number, builder, tables)
            page.flush_cache()
            read += 1
        if skipped:
            listed = "、".join(str(number) for number in skipped[:10]) + ("等" if len(skipped) > 10 else "")
            limit = f"{MAX_PDF_PAGE_BYTES / 1024 / 1024:g} MB" if MAX_PDF_PAGE_BYTES >= 1024 * 1024 else f"{MAX_PDF_PAGE_BYTES} 字节"
            notes.append(f"第 {listed} 页的绘图内容超过 {limit}（多为扫描图或矢量图），"
                         f"未读取其中文字，共 {len(skipped)} 页未检查。")
        if total and total > MAX_PDF_PAGES:
            notes.append(f"PDF 共 {total} 页，只检查了前 {MAX_PDF_PAGES} 页，第 {MAX_PDF_PAGES + 1}–{total} 页未检查。")
    letters = sum(len(block.text.strip()) for block in builder.blocks)
    if letters < MIN_PDF_TEXT:
        raise ReportUnreadable(
            f"“{name}”是没有文字层的 PDF（可能是扫描件或图片），无法读取其中文字；"
            "请上传 Word 原件或可复制文字的 PDF。"
        )
    return ReportText(name, "pdf", builder.blocks, notes)
