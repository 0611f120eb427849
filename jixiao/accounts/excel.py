"""A unit-year's tables as an Excel workbook, and an uploaded workbook read back.

Pure: a Sheet and the page's rows in, xlsx bytes out; xlsx bytes in, amounts
per (unit-year id, line) or a list of Chinese errors out. The views and the
bench share it; nothing here touches the database.

Layout of each table sheet (one per section of the page):
    row 1  title
    row 2  headers: 单位, one column per line (what is stated), then the
           computed columns (totals as their parts add up), then the row key
    row 3  line codes (hidden): how import finds a column whatever its label
    row 4  the unit's summary row, then one row per sub-unit
    last   for a unit with sub-units: the sub-units added up (computed)
Computed columns and rows are grey, locked, and ignored on import; in the
template they are formulas (Formulas) that follow what the clerk types, in the
export the values the product computed. The row key
(hidden last column) is the unit-year id of the row; the hidden sheet _jixiao
says which unit, year and revision the workbook was made from.
"""

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao import spreadsheets
from jixiao.accounts.derived import Derived
from jixiao.accounts.grid import NEGATIVE_ALLOWED, RowSpec
from jixiao.accounts.lines import LINES_BY_CODE, SECTIONS, Line, lines_in
from jixiao.accounts.sheet import Sheet
from jixiao.money import CENT, MAX_AMOUNT, AmountError, parse_amount

FORMAT = "jixiao-accounts-1"
META_SHEET = "_jixiao"
GUIDE_SHEET = "填写说明"
DERIVED_SHEET = "计算指标"
SHEET_TITLES = {
    "income": "收入",
    "expenditure": "支出和结余",
    "sangong": "三公经费",
    "fixed_assets": "固定资产",
    "budget": "预算数",
}
TITLE_ROW, HEADER_ROW, CODE_ROW, FIRST_ROW = 1, 2, 3, 4
COMPUTED_PREFIX = "calc:"
KEY_CODE = "key"
COMPUTED_KEY = "computed"
# An upload larger than this is refused before it is opened.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# What the zip may expand to: a few hundred sub-units fit in well under 1 MB;
# this stops a small "zip bomb" from filling memory.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
AMOUNT_FORMAT = "#,##0.00"
# Excel stores numbers as binary floats: 983.91 typed as =158.39+825.52 comes
# back as 983.9100000000001. Closer than this to a cent counts as that cent.
FLOAT_TOLERANCE = Decimal("0.000001")

NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx）：请下载本页的 Excel 模板，在 Excel 或 WPS 中填写后按 .xlsx 格式保存再上传。"
OLD_XLS = "文件是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为” .xlsx 格式后再上传。"
NOT_OURS = "文件中没有本系统的模板标识：请先在本页下载 Excel 模板，在模板中填写后上传。"
NOT_A_NUMBER = "请输入数字金额（万元），如 1086.91"

GREY = PatternFill("solid", fgColor="E7E6E6")
HEAD = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class WorkbookKey:
    """Which page a workbook belongs to, and the revision its figures were read at."""

    unit_id: int
    unit_name: str
    fiscal_year: int
    revision: int


@dataclass
class ImportResult:
    values: dict[tuple[int, str], Decimal | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    key: WorkbookKey | None = None

    @property
    def valid(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------- writing


def _computed_lines(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.is_total]


def _text(ws, row: int, column: int, text: str):
    """A cell of text that stays text: a name typed as "=..." must not become a formula in someone's Excel."""
    return spreadsheets.text(ws, row, column, text)


def _amount(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT)


def _style_header(cell) -> None:
    cell.font = Font(bold=True)
    cell.fill = HEAD
    cell.border = BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


class Formulas:
    """Excel formulas for the template's computed cells, so they follow what the clerk types.

    They mirror Sheet.computed: a total is the sum of its parts' values (a
    part that is itself a total counts as computed when any of its parts is
    filled, else as stated), empty when none of them is filled; on the summary
    row of a unit with sub-units, a plain line counts as the sub-units' sum
    when any of them is filled. Parts may sit on another sheet (当年结余 =
    收入合计 − 支出合计), so every reference names its sheet.
    """

    def __init__(self, child_rows: tuple[int, int] | None):
        self.child_rows = child_rows
        self.stated_at: dict[str, tuple[str, int]] = {}
        self.computed_at: dict[str, tuple[str, int]] = {}
        for section in SECTIONS:
            lines = lines_in(section.code)
            for column, line in enumerate(lines, start=2):
                self.stated_at[line.code] = (SHEET_TITLES[section.code], column)
            for column, line in enumerate(_computed_lines(lines), start=2 + len(lines)):
                self.computed_at[line.code] = (SHEET_TITLES[section.code], column)

    @staticmethod
    def _ref(place: tuple[str, int], row: int, last: int | None = None) -> str:
        title, column = place
        letter = get_column_letter(column)
        return f"'{title}'!{letter}{row}" + (f":{letter}{last}" if last else "")

    def _children(self, code: str) -> str:
        first, last = self.child_rows
        return self._ref(self.stated_at[code], first, last)

    def _rolls_up(self, row: int) -> bool:
        return self.child_rows is not None and row < self.child_rows[0]

    def _presence(self, code: str, row: int) -> list[str]:
        """Cells of which at least one is filled exactly when the line has a value on this row."""
        refs = [self._ref(self.stated_at[code], row)]
        line = LINES_BY_CODE[code]
        if line.is_total:
            for part in (*line.parts, *line.minus):
                refs += self._presence(part, row)
        elif self._rolls_up(row):
            refs.append(self._children(code))
        return refs

    def _value(self, code: str, row: int) -> str:
        stated = self._ref(self.stated_at[code], row)
        if LINES_BY_CODE[code].is_total:
            computed = self._ref(self.computed_at[code], row)
            return f'IF({computed}="",N({stated}),{computed})'
        if self._rolls_up(row):
            children = self._children(code)
            return f"IF(COUNT({children})>0,SUM({children}),N({stated}))"
        return stated

    def computed(self, code: str, row: int) -> str:
        line = LINES_BY_CODE[code]
        presence = list(dict.fromkeys(ref for part in (*line.parts, *line.minus) for ref in self._presence(part, row)))
        total = "SUM(" + ",".join(self._value(part, row) for part in line.parts) + ")"
        if line.minus:
            total += "-SUM(" + ",".join(self._value(part, row) for part in line.minus) + ")"
        return f'=IF(COUNT({",".join(presence)})=0,"",{total})'

    def sub_units(self, code: str) -> str:
        children = self._children(code)
        return f'=IF(COUNT({children})=0,"",SUM({children}))'


def _write_section(ws, section, sheet: Sheet, rows: list[RowSpec], key: WorkbookKey, editable: bool) -> None:
    lines = lines_in(section.code)
    computed = _computed_lines(lines)
    key_column = 2 + len(lines) + len(computed)
    _text(ws, TITLE_ROW, 1, f"{key.unit_name} {key.fiscal_year}年 {section.title}（单位：万元）").font = Font(bold=True, size=13)
    if editable:
        ws.cell(TITLE_ROW, 5, "白色格填写；灰色格为计算值，随填写自动更新，导入时忽略。").font = Font(color="808080")
    headers = ["单位", *[line.label for line in lines], *[f"{line.label}（计算值）" for line in computed], "行标识（勿改）"]
    codes = ["unit", *[line.code for line in lines], *[COMPUTED_PREFIX + line.code for line in computed], KEY_CODE]
    for column, (header, code) in enumerate(zip(headers, codes, strict=True), start=1):
        _style_header(ws.cell(HEADER_ROW, column, header))
        ws.cell(CODE_ROW, column, code)
    ws.row_dimensions[CODE_ROW].hidden = True
    ws.row_dimensions[HEADER_ROW].height = 45
    row_sheets = [sheet, *sheet.children]
    validation = DataValidation(
        type="decimal", operator="between", formula1="0", formula2=str(MAX_AMOUNT), allow_blank=True,
        showErrorMessage=True, errorTitle="金额有误", error="请输入不小于 0 的金额（万元），最多两位小数。",
    )
    signed = DataValidation(
        type="decimal", operator="between", formula1=str(-MAX_AMOUNT), formula2=str(MAX_AMOUNT), allow_blank=True,
        showErrorMessage=True, errorTitle="金额有误", error="请输入金额（万元），最多两位小数。",
    )
    child_rows = (FIRST_ROW + 1, FIRST_ROW + len(sheet.children)) if sheet.children else None
    formulas = Formulas(child_rows) if editable else None
    number = FIRST_ROW
    for spec, row_sheet in zip(rows, row_sheets, strict=True):
        label = _text(ws, number, 1, spec.label)
        label.border = BOX
        label.font = Font(bold=spec.is_summary)
        for offset, line in enumerate(lines, start=2):
            target = ws.cell(number, offset, _amount(row_sheet.stated(line.code)))
            target.number_format = AMOUNT_FORMAT
            target.border = BOX
            if editable:
                target.protection = UNLOCKED
                (signed if line.code in NEGATIVE_ALLOWED else validation).add(target.coordinate)
        for offset, line in enumerate(computed, start=2 + len(lines)):
            value = formulas.computed(line.code, number) if formulas else _amount(row_sheet.computed(line.code))
            target = ws.cell(number, offset, value)
            target.number_format = AMOUNT_FORMAT
            target.fill = GREY
            target.border = BOX
        ws.cell(number, key_column, spec.unit_year_id)
        number += 1
    if sheet.children:
        ws.cell(number, 1, "下属单位加总（计算值）").fill = GREY
        for offset, line in enumerate(lines, start=2):
            if formulas is None:
                value = _amount(sheet.computed(line.code))
            elif line.is_total:
                value = f"={get_column_letter(2 + len(lines) + computed.index(line))}{FIRST_ROW}"
            else:
                value = formulas.sub_units(line.code)
            target = ws.cell(number, offset, value)
            target.number_format = AMOUNT_FORMAT
            target.fill = GREY
            target.border = BOX
        for offset in range(2 + len(lines), key_column):
            ws.cell(number, offset).fill = GREY
        ws.cell(number, key_column, COMPUTED_KEY)
    if validation.sqref:
        ws.add_data_validation(validation)
    if signed.sqref:
        ws.add_data_validation(signed)
    ws.column_dimensions["A"].width = 22
    for column in range(2, key_column):
        ws.column_dimensions[get_column_letter(column)].width = 14
    ws.column_dimensions[get_column_letter(key_column)].hidden = True
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)
    if editable:
        # Locks the labels, computed cells and keys; the figures stay unlocked.
        # No password: a clerk who needs to can still unprotect it.
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False


def _write_meta(wb: Workbook, key: WorkbookKey, kind: str) -> None:
    ws = wb.create_sheet(META_SHEET)
    for number, (name, value) in enumerate((
        ("format", FORMAT), ("kind", kind), ("unit_id", key.unit_id), ("unit_name", key.unit_name),
        ("fiscal_year", key.fiscal_year), ("revision", key.revision),
    ), start=1):
        ws.cell(number, 1, name)
        if isinstance(value, str):
            _text(ws, number, 2, value)
        else:
            ws.cell(number, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _write_guide(wb: Workbook, key: WorkbookKey) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    text = [
        f"{key.unit_name} {key.fiscal_year}年度收支情况 Excel 模板",
        "1. 每张工作表对应页面上的一张表：第4行为本单位汇总，其下每行为一个下属单位；金额单位为万元。",
        "2. 只填写白色单元格。金额可写 1086.91 或 1,086.91，最多两位小数；不填的单元格留空（导入后该格为空）。",
        "3. 灰色单元格是计算值（合计按明细、汇总行按下属单位），随填写自动更新，与系统页面的算法一致；导入时忽略，不必修改。",
        "4. 不要修改工作表名称、增删行列，也不要修改隐藏的行标识；否则无法导入。",
        "5. 导入时整份文件一起检查：只要有一处错误，就一个数也不保存，并按“工作表 第几行 第几列”列出全部错误。",
        "6. 下载模板后如有他人在系统中修改了数据，导入会被拒绝，请重新下载模板。",
    ]
    for number, line in enumerate(text, start=1):
        _text(ws, number, 1, line).font = Font(bold=number == 1)
    ws.column_dimensions["A"].width = 110


def _write_derived(wb: Workbook, derived: list[Derived]) -> None:
    ws = wb.create_sheet(DERIVED_SHEET)
    for column, header in enumerate(("指标", "数值", "单位", "计算公式"), start=1):
        _style_header(ws.cell(1, column, header))
    for number, item in enumerate(derived, start=2):
        _text(ws, number, 1, item.label)
        value = ws.cell(number, 2, item.value)
        value.number_format = "0.00"
        ws.cell(number, 3, item.unit)
        _text(ws, number, 4, item.formula)
    for column, width in (("A", 26), ("B", 14), ("C", 8), ("D", 90)):
        ws.column_dimensions[column].width = width


def build_workbook(sheet: Sheet, rows: list[RowSpec], key: WorkbookKey, derived: list[Derived] | None = None) -> bytes:
    """The template (derived=None: cells to fill, sheets protected) or the export (with the derived figures)."""
    editable = derived is None
    wb = Workbook()
    wb.remove(wb.active)
    for section in SECTIONS:
        _write_section(wb.create_sheet(SHEET_TITLES[section.code]), section, sheet, rows, key, editable)
    if editable:
        _write_guide(wb, key)
    else:
        _write_derived(wb, derived)
    _write_meta(wb, key, "template" if editable else "export")
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- reading


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def too_large(size: int) -> str:
    return f"文件过大（{_size_text(size)}），上限为 {MAX_UPLOAD_BYTES // 1024 // 1024} MB。模板本身只有几十 KB，请勿在其中插入图片等内容。"


def check_upload(data: bytes) -> str | None:
    """Why the upload cannot even be opened, or None: size, then that it is a real xlsx package."""
    if len(data) > MAX_UPLOAD_BYTES:
        return too_large(len(data))
    if not data:
        return "上传的文件是空的，请重新选择文件。"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return OLD_XLS
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return NOT_XLSX
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        return NOT_XLSX
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return NOT_XLSX
    if unpacked > MAX_UNPACKED_BYTES:
        return f"文件解压后过大（{_size_text(unpacked)}），不像本系统的模板，请重新下载模板填写。"
    return None


def read_cell(value, allow_negative: bool) -> Decimal | None:
    """An amount as a workbook cell holds it: a number, a clerk's text, or nothing. Raises AmountError."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(NOT_A_NUMBER)
    if isinstance(value, float):
        exact = Decimal(repr(value))
        if exact.is_finite() and abs(exact - exact.quantize(CENT)) < FLOAT_TOLERANCE:
            exact = exact.quantize(CENT)
        return parse_amount(exact, allow_negative=allow_negative)
    if isinstance(value, int | Decimal | str):
        return parse_amount(value, allow_negative=allow_negative)
    # Dates, times and the like: Excel turned what was typed into something else.
    raise AmountError(NOT_A_NUMBER)


def _read_key(wb) -> dict[str, object] | None:
    if META_SHEET not in wb.sheetnames:
        return None
    meta = {}
    for row in wb[META_SHEET].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if row and row[0] is not None:
            meta[str(row[0])] = row[1]
    return meta if meta.get("format") == FORMAT else None


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def _read_section(ws, formulas_ws, title: str, lines: list[Line], row_ids: set[int], result: ImportResult,
                  seen: dict[int, int]) -> None:
    by_code = {line.code: line for line in lines}
    grid = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    # The same cells as typed: a formula whose result was never computed (the file was written by a
    # program, not saved in Excel or WPS) reads as empty above and must not clear the figure.
    typed = list(formulas_ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    if len(grid) < 2:
        result.errors.append(f"{title}：工作表的表头被删除或修改，请重新下载模板。")
        return
    headers, codes = grid[0], grid[1]
    columns = {}
    key_column = None
    for index, code in enumerate(codes):
        if code == KEY_CODE:
            key_column = index
        elif isinstance(code, str) and code in by_code:
            columns[index] = by_code[code]
    missing = [line.label for line in lines if line not in columns.values()]
    if key_column is None or missing:
        what = "、".join(missing) if missing else "行标识"
        result.errors.append(f"{title}：找不到“{what}”列（隐藏的第{CODE_ROW}行被修改或列被删除），请重新下载模板。")
        return
    for offset, cells in enumerate(grid[2:]):
        number = FIRST_ROW + offset
        values = tuple(cells) + (None,) * (len(codes) - len(cells))
        raw_key = values[key_column]
        if raw_key == COMPUTED_KEY:
            continue
        if raw_key is None:
            if any(values[index] not in (None, "") for index in columns):
                result.errors.append(f"{title} 第{number}行：此行不是模板中的行（没有行标识），请把数字填在模板原有的行中。")
            continue
        unit_year_id = _as_int(raw_key)
        if unit_year_id not in row_ids:
            result.errors.append(f"{title} 第{number}行：行标识“{raw_key}”不属于本单位本年度，请重新下载模板。")
            continue
        if seen.setdefault(unit_year_id, number) != number:
            result.errors.append(f"{title} 第{number}行：与第{seen[unit_year_id]}行是同一单位，请删除重复的行。")
            continue
        typed_row = typed[offset + 2] if offset + 2 < len(typed) else ()
        for index, line in columns.items():
            formula = typed_row[index] if index < len(typed_row) else None
            if values[index] is None and isinstance(formula, str) and formula.startswith("="):
                label = headers[index] if isinstance(headers[index], str) and headers[index] else line.label
                result.errors.append(
                    f"{title} 第{number}行 {get_column_letter(index + 1)}列（{label}）：单元格是公式 {formula[:40]}，但文件中没有它的计算结果。"
                    "请在 Excel 或 WPS 中打开此文件、保存后再导入，或在单元格中直接填写数字。"
                )
                continue
            try:
                amount = read_cell(values[index], allow_negative=line.code in NEGATIVE_ALLOWED)
            except AmountError as error:
                label = headers[index] if isinstance(headers[index], str) and headers[index] else line.label
                result.errors.append(f"{title} 第{number}行 {get_column_letter(index + 1)}列（{label}）：{error}")
                continue
            result.values[(unit_year_id, line.code)] = amount


def read_workbook(data: bytes, rows: list[RowSpec], unit_id: int, fiscal_year: int) -> ImportResult:
    """Every cell of an uploaded workbook, or every error in it (by sheet, row and column)."""
    result = ImportResult()
    refused = check_upload(data)
    if refused:
        result.errors.append(refused)
        return result
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas_wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file; all mean the same to the user
        result.errors.append(NOT_XLSX)
        return result
    try:
        meta = _read_key(wb)
        if meta is None:
            result.errors.append(NOT_OURS)
            return result
        key = WorkbookKey(_as_int(meta.get("unit_id")), str(meta.get("unit_name") or ""),
                          _as_int(meta.get("fiscal_year")), _as_int(meta.get("revision")))
        if key.unit_id != unit_id or key.fiscal_year != fiscal_year or key.revision is None:
            result.errors.append(
                f"此文件是“{key.unit_name}”{key.fiscal_year}年度的模板，不是本页的单位和年度，不能导入。请在本页重新下载模板。"
            )
            return result
        result.key = key
        row_ids = {row.unit_year_id for row in rows}
        for section in SECTIONS:
            title = SHEET_TITLES[section.code]
            if title not in wb.sheetnames:
                result.errors.append(f"缺少工作表“{title}”：请不要删除或改名模板中的工作表。")
                continue
            seen: dict[int, int] = {}
            _read_section(wb[title], formulas_wb[title], title, lines_in(section.code), row_ids, result, seen)
    finally:
        wb.close()
        formulas_wb.close()
    if result.errors:
        result.values = {}
    return result
