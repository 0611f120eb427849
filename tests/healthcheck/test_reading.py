"""Reading reports: text encodings, Word, PDF, and every bad file refused with its Chinese message."""

import io
import zipfile

import pytest

from jixiao.healthcheck.reading import MAX_PDF_PAGES, ReportUnreadable, read_report

from .helpers import LISHUI, YUEYANG, docx_from_seed, seed_bytes, seed_text


def refused(filename, data):
    with pytest.raises(ReportUnreadable) as caught:
        read_report(filename, data)
    return caught.value.message


def minimal_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages carry the given ASCII text (an empty string makes a page without text)."""
    return pdf_from_streams([f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b"" for text in pages])


def pdf_from_streams(streams: list[bytes]) -> bytes:
    """A PDF with one page per content stream, Helvetica as /F1."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for stream in streams:
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        raw = body if isinstance(body, bytes) else body.encode()
        out.write(f"{number} 0 obj\n".encode() + raw + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def ruled_table_page(paragraph_above: str, rows: list[list[str]], paragraph_below: str) -> bytes:
    """A page with a sentence, a table drawn with lines (cells 120 x 20 pt), and another sentence."""
    left, top, width, height = 72, 700, 120, 20
    parts = [f"BT /F1 11 Tf {left} {top + 30} Td ({paragraph_above}) Tj ET"]
    columns = max(len(row) for row in rows)
    for index in range(len(rows) + 1):
        y = top - index * height
        parts.append(f"{left} {y} m {left + columns * width} {y} l S")
    for index in range(columns + 1):
        x = left + index * width
        parts.append(f"{x} {top} m {x} {top - len(rows) * height} l S")
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            parts.append(f"BT /F1 10 Tf {left + column * width + 4} {top - (row_index + 1) * height + 6} Td ({text}) Tj ET")
    parts.append(f"BT /F1 11 Tf {left} {top - len(rows) * height - 30} Td ({paragraph_below}) Tj ET")
    return "\n".join(parts).encode()


def test_utf8_text_keeps_tables_as_cells():
    report = read_report("岳阳.txt", seed_bytes(YUEYANG))
    assert report.encoding == "utf-8"
    row = [cell.text for cell in report.rows()[(1, 19)]]
    assert row[:7] == ["机关及二级机构汇总", "1003.30", "359.39", "355.81", "3.58", "643.91", "83.62"]
    balance = report.rows()[(1, 19)][6]
    assert balance.position == "表1 第19行第7列"


def test_gb18030_text_file():
    data = seed_text(LISHUI).encode("gb18030")
    report = read_report("丽水.txt", data)
    assert report.encoding == "gb18030"
    assert report.blocks[0].text == "丽水市科协2020年度整体支出绩效评价报告"
    assert any("预算执行率96.96%" in block.text for block in report.blocks)


def test_docx_from_seed_reads_as_its_text():
    from_docx = read_report("岳阳.docx", docx_from_seed(YUEYANG))
    from_text = read_report("岳阳.txt", seed_bytes(YUEYANG))
    assert from_docx.format == "docx"
    assert [(b.kind, b.position, b.text) for b in from_docx.blocks] == [
        (b.kind, b.position, b.text) for b in from_text.blocks
    ]


def test_text_layer_pdf_is_read_by_page():
    report = read_report("budget.pdf", minimal_pdf(["Budget 155.00 spent 106.13", "Score 95"]))
    assert report.format == "pdf"
    assert [(block.page, block.text) for block in report.blocks] == [(1, "Budget 155.00 spent 106.13"), (2, "Score 95")]


def test_scanned_pdf_without_text_is_said_so():
    message = refused("扫描件.pdf", minimal_pdf(["", ""]))
    assert "没有文字层" in message and "扫描件" in message


def test_long_pdf_reads_only_the_first_pages():
    report = read_report("long.pdf", minimal_pdf([f"Page {n} total 1.00" for n in range(1, MAX_PDF_PAGES + 21)]))
    assert len({block.page for block in report.blocks}) == MAX_PDF_PAGES
    assert report.notes == [f"PDF 共 {MAX_PDF_PAGES + 20} 页，只检查了前 {MAX_PDF_PAGES} 页，"
                            f"第 {MAX_PDF_PAGES + 1}–{MAX_PDF_PAGES + 20} 页未检查。"]


def test_empty_file_refused():
    assert refused("空.docx", b"") == "“空.docx”是空文件（0 字节），没有可检查的内容。"


def test_binary_garbage_named_docx_refused():
    message = refused("报告.docx", bytes(range(256)) * 40)
    assert message == "“报告.docx”的扩展名是 .docx，但内容不是 Word 文档（可能已损坏或被改名），已拒绝。"


def test_broken_zip_named_docx_refused():
    message = refused("报告.docx", b"PK\x03\x04" + b"\x00" * 500)
    assert "压缩包已损坏" in message


def test_zip_without_word_body_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "缺少正文" in refused("报告.docx", buffer.getvalue())


def test_zip_bomb_docx_refused_before_opening():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(120):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    message = refused("炸弹.docx", data)
    assert "压缩炸弹" in message and "超过上限 100 MB" in message


def test_high_ratio_zip_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    assert "压缩比异常" in refused("炸弹.docx", buffer.getvalue())


def test_fifty_megabyte_file_refused():
    message = refused("大文件.txt", b"a" * (50 * 1024 * 1024))
    assert message == "“大文件.txt”大小为 50.0 MB，超过上限 20 MB，请压缩图片或拆分后再上传。"


def test_garbage_text_file_refused():
    assert "不是可识别的文本文件" in refused("乱码.txt", b"\x00\x01\x02\xff" * 100)


def test_pdf_named_file_that_is_not_pdf_refused():
    assert "内容不是 PDF" in refused("报告.pdf", "这是文字".encode())


def test_broken_pdf_refused():
    assert "无法" in refused("坏.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 100)


def test_old_doc_refused():
    assert ".doc" in refused("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_unsupported_suffix_refused():
    assert "不支持“.xlsx”" in refused("表.xlsx", b"PK\x03\x04")


def test_docx_content_controls_and_merged_cells():
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("某市科协2021年项目绩效自评报告")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "收入合计"
    table.cell(0, 2).text = "其中"
    for column, value in enumerate(["100.00", "60.00", "40.00"]):
        table.cell(1, column).text = value
    wrapped = document.add_paragraph("得分：90分。")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    wrapped._p.addprevious(sdt)
    sdt.append(content)
    content.append(wrapped._p)
    buffer = io.BytesIO()
    document.save(buffer)
    report = read_report("合并.docx", buffer.getvalue())
    assert [(b.position, b.text) for b in report.blocks] == [
        ("第1段", "某市科协2021年项目绩效自评报告"),
        ("表1 第1行第1列", "收入合计"),
        ("表1 第1行第2列", "其中"),
        ("表1 第2行第1列", "100.00"),
        ("表1 第2行第2列", "60.00"),
        ("表1 第2行第3列", "40.00"),
        ("第2段", "得分：90分。"),
    ]


def test_too_much_text_refused():
    message = refused("长文.txt", ("经费" * 600_000).encode())
    assert message == "文件文字超过 100 万字，超出一份绩效报告的篇幅，无法在限定时间内检查，请拆分后再上传。"


def test_one_huge_paragraph_is_checked_in_bounded_time():
    import time

    from jixiao.healthcheck.domain import check_report

    sentence = "部门预算100万元，实际支出90万元，其中人员20万元，公用70万元，预算执行率90%，占总支出的50%。"
    # CPU time, not wall time: the bound is against quadratic reading, whatever else the machine runs (about 4 s).
    started = time.process_time()
    check = check_report("一段.txt", (sentence * 5000).encode())  # 250,000 characters without a line break
    assert time.process_time() - started < 10
    # Every sentence has one error: "占总支出的50%" after 公用70万元 of 100万元.
    assert check.counts["error"] == 5000


def test_oversized_word_body_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (31 * 1024 * 1024))
    message = refused("长正文.docx", buffer.getvalue())
    assert message == "“长正文.docx”的正文部分（word/document.xml）解压后达 31 MB，超过上限 30 MB，无法在限定内存内读取，已拒绝。"


def test_pdf_ruled_table_becomes_cells_between_paragraphs():
    page = ruled_table_page(
        "Income and spending of 2021.",
        [["Unit", "Income", "Spending"], ["Office", "100.00", "80.00"]],
        "Score 90.",
    )
    report = read_report("table.pdf", pdf_from_streams([page]))
    assert [(block.kind, block.position, block.text) for block in report.blocks] == [
        ("paragraph", "第1页 第1段", "Income and spending of 2021."),
        ("cell", "第1页 表1 第1行第1列", "Unit"),
        ("cell", "第1页 表1 第1行第2列", "Income"),
        ("cell", "第1页 表1 第1行第3列", "Spending"),
        ("cell", "第1页 表1 第2行第1列", "Office"),
        ("cell", "第1页 表1 第2行第2列", "100.00"),
        ("cell", "第1页 表1 第2行第3列", "80.00"),
        ("paragraph", "第1页 第2段", "Score 90."),
    ]


def test_a_page_too_heavy_to_lay_out_is_skipped_by_its_size_never_by_the_clock(monkeypatch):
    from jixiao.healthcheck import reading

    pages = ["Budget 155.00 spent 106.13", "x" * 400 + " Score 95", "Rate 68.47%"]
    monkeypatch.setattr(reading, "MAX_PDF_PAGE_BYTES", 300)
    first = read_report("heavy.pdf", minimal_pdf(pages))
    again = read_report("heavy.pdf", minimal_pdf(pages))
    assert [block.page for block in first.blocks] == [1, 3]
    assert first.notes == ["第 2 页的绘图内容超过 300 字节（多为扫描图或矢量图），未读取其中文字，共 1 页未检查。"]
    assert (first.text, first.notes) == (again.text, again.notes)
