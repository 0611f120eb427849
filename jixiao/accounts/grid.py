"""The unit-year page as plain data: one table per section, a row for the unit and one per sub-unit.

Pure: posted text in, parsed amounts, per-cell errors and Sheets out, so the
page, its live preview and the tests share one reading of what was typed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from jixiao.accounts.lines import LINES_BY_CODE, SECTIONS, Line, lines_in
from jixiao.accounts.sheet import Sheet
from jixiao.money import AmountError, fmt_amount, parse_amount


@dataclass(frozen=True)
class RowSpec:
    """A row of the page: a unit-year id and how the row is labelled."""

    unit_year_id: int
    label: str
    is_summary: bool


# A balance can be negative when a year spends more than it has; no other figure can.
NEGATIVE_ALLOWED = frozenset({"balance_current", "balance_accumulated"})


def field_name(unit_year_id: int, code: str) -> str:
    return f"f-{unit_year_id}-{code}"


@dataclass
class Cell:
    name: str
    code: str
    text: str
    computed: Decimal | None
    error: str = ""

    @property
    def computed_text(self) -> str:
        return "" if self.computed is None else fmt_amount(self.computed)

    @property
    def anchor(self) -> str:
        """The cell's id, as a finding's place names it ("uy-1-income_total" for ref "uy:1:income_total", checks.links)."""
        return "uy-" + self.name.removeprefix("f-")

    @property
    def mismatch(self) -> bool:
        """A stated figure that differs from what its parts or sub-units add up to."""
        if self.computed is None or not self.text.strip() or self.error:
            return False
        try:
            stated = parse_amount(self.text, allow_negative=self.code in NEGATIVE_ALLOWED)
        except AmountError:
            return False
        return stated is not None and stated != self.computed

    def html(self, row_label: str, readonly: bool) -> str:
        """The cell's input with its computed value and error, built here because a page
        of 40 sub-units has some 1,800 cells and the template engine is slow at that.
        A read-only grid shows its figures as text, not as input boxes."""
        computed_class = "computed mismatch" if self.mismatch else "computed"
        computed = f"= {self.computed_text}" if self.computed_text else ""
        if readonly:
            return format_html(
                '<td id="{}"><span class="ro-value" data-name="{}">{}</span><span id="c-{}" class="{}">{}</span></td>',
                self.anchor, self.name, self.text or "—", self.name, computed_class, computed,
            )
        invalid = mark_safe(' class="invalid" aria-invalid="true"') if self.error else ""  # noqa: S308 - constant
        return format_html(
            '<td id="{}"><input name="{}" value="{}" inputmode="decimal" aria-label="{} {}"{}>'
            '<span id="c-{}" class="{}">{}</span><span id="e-{}" class="cell-error">{}</span></td>',
            self.anchor, self.name, self.text, row_label, LINES_BY_CODE[self.code].label if self.code in LINES_BY_CODE else self.code,
            invalid, self.name, computed_class, computed, self.name, self.error,
        )


@dataclass
class GridRow:
    spec: RowSpec
    cells: list[Cell]
    readonly: bool = False

    @property
    def cells_html(self) -> str:
        return mark_safe("".join(cell.html(self.spec.label, self.readonly) for cell in self.cells))  # noqa: S308 - each part is format_html


@dataclass
class SectionTable:
    code: str
    title: str
    lines: list[Line]
    rows: list[GridRow] = field(default_factory=list)


@dataclass
class Posted:
    values: dict[tuple[int, str], Decimal | None]
    texts: dict[str, str]
    errors: dict[str, str]

    @property
    def valid(self) -> bool:
        return not self.errors


def read_post(data, rows: list[RowSpec]) -> Posted:
    """Parse every cell of the page; a bad cell keeps its text and gets a message."""
    values, texts, errors = {}, {}, {}
    for row in rows:
        for section in SECTIONS:
            for line in lines_in(section.code):
                name = field_name(row.unit_year_id, line.code)
                if name not in data:
                    continue
                text = data.get(name, "")
                texts[name] = text
                try:
                    values[(row.unit_year_id, line.code)] = parse_amount(text, allow_negative=line.code in NEGATIVE_ALLOWED)
                except AmountError as error:
                    errors[name] = str(error)
    return Posted(values, texts, errors)


def sheets_with(sheet: Sheet, rows: list[RowSpec], posted: Posted) -> Sheet:
    """The page's Sheet with the typed values in place of the stored ones (bad cells left empty)."""

    def replaced(original: Sheet, unit_year_id: int) -> Sheet:
        own = {code: amount for (year_id, code), amount in posted.values.items() if year_id == unit_year_id and amount is not None}
        typed_codes = {code for (year_id, code) in posted.values if year_id == unit_year_id}
        bad_codes = {name.rsplit("-", 1)[-1] for name in posted.errors if name.startswith(f"f-{unit_year_id}-")}
        kept = {code: amount for code, amount in original.own.items() if code not in typed_codes and code not in bad_codes}
        return Sheet(
            unit_name=original.unit_name, fiscal_year=original.fiscal_year, own={**kept, **own},
            funds=original.funds, population=original.population, previous=original.previous, ref=original.ref,
        )

    summary_id = rows[0].unit_year_id
    result = replaced(sheet, summary_id)
    result.children = [replaced(child, row.unit_year_id) for child, row in zip(sheet.children, rows[1:], strict=True)]
    return result


def build_tables(sheet: Sheet, rows: list[RowSpec], texts: dict[str, str] | None = None, errors: dict[str, str] | None = None,
                 readonly: bool = False) -> list[SectionTable]:
    texts, errors = texts or {}, errors or {}
    row_sheets = [sheet, *sheet.children]
    tables = []
    for section in SECTIONS:
        table = SectionTable(section.code, section.title, lines_in(section.code))
        for row, row_sheet in zip(rows, row_sheets, strict=True):
            cells = []
            for line in table.lines:
                name = field_name(row.unit_year_id, line.code)
                stated = row_sheet.stated(line.code)
                text = texts.get(name, "" if stated is None else fmt_amount(stated))
                cells.append(Cell(name, line.code, text, row_sheet.computed(line.code), errors.get(name, "")))
            table.rows.append(GridRow(row, cells, readonly))
        tables.append(table)
    return tables
