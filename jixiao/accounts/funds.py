"""Reading the special-funds table as typed: existing lines, their sub-lines, and new lines."""

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.money import AmountError, parse_amount

AMOUNT_FIELDS = {"initial_budget": "年初预算数", "adjusted_budget": "调整后预算数", "actual": "全年执行数"}
NEW_ROWS = 3


@dataclass
class FundRow:
    prefix: str
    pk: int | None
    name: str = ""
    parent: str = ""
    science: bool = False
    delete: bool = False
    texts: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, Decimal | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    depth: int = 0
    # The derived execution rate, filled in for display.
    execution: object = None

    @property
    def is_blank(self) -> bool:
        return self.pk is None and not self.name.strip() and not any(text.strip() for text in self.texts.values())


def rows_from_funds(funds) -> list[FundRow]:
    """Existing funds in tree order, with indentation depth, then blank rows for new lines."""
    children: dict[int | None, list] = {}
    for fund in funds:
        children.setdefault(fund.parent_id, []).append(fund)
    rows: list[FundRow] = []

    def walk(parent_id, depth):
        for fund in children.get(parent_id, []):
            rows.append(FundRow(
                prefix=f"fund-{fund.pk}", pk=fund.pk, name=fund.name,
                parent=str(fund.parent_id or ""), science=fund.is_science_popularisation, depth=depth,
                texts={key: "" if getattr(fund, key) is None else f"{getattr(fund, key):.2f}" for key in AMOUNT_FIELDS},
            ))
            walk(fund.pk, depth + 1)

    walk(None, 0)
    rows += [FundRow(prefix=f"new-{index}", pk=None, texts=dict.fromkeys(AMOUNT_FIELDS, "")) for index in range(NEW_ROWS)]
    return rows


def read_funds(data, funds) -> list[FundRow]:
    """The rows as posted; each bad cell gets its Chinese message and keeps its text."""
    rows = rows_from_funds(funds)
    known = {str(fund.pk) for fund in funds}
    for row in rows:
        # A field missing from the post (an old page, a script) keeps its stored value; it is never a blank.
        row.name = data.get(f"{row.prefix}-name", row.name).strip()
        row.parent = data.get(f"{row.prefix}-parent", row.parent)
        if f"{row.prefix}-name" in data or row.pk is None:
            row.science = data.get(f"{row.prefix}-science") == "on"
        row.delete = row.pk is not None and data.get(f"{row.prefix}-delete") == "on"
        for key in AMOUNT_FIELDS:
            text = data.get(f"{row.prefix}-{key}", row.texts.get(key, ""))
            row.texts[key] = text
            try:
                row.amounts[key] = parse_amount(text)
            except AmountError as error:
                row.errors[key] = str(error)
        if row.is_blank or row.delete:
            continue
        if not row.name:
            row.errors["name"] = "请填写名称"
        if row.parent and (row.parent not in known or row.parent == str(row.pk)):
            row.errors["parent"] = "上级项目不存在"
    return rows


def mark_stale_funds(rows: list[FundRow], latest_funds) -> None:
    """After a refused stale save: beside each typed cell whose stored value is now different, what the other person saved."""
    latest = {fund.pk: fund for fund in latest_funds}
    for row in rows:
        if row.pk is None or row.errors:
            continue
        fund = latest.get(row.pk)
        if fund is None:
            row.errors["name"] = "他人已删除此项"
            continue
        if row.name != fund.name:
            row.errors["name"] = f"他人已改为：{fund.name}"
        for key in AMOUNT_FIELDS:
            stored = getattr(fund, key)
            if row.amounts.get(key) != stored:
                row.errors[key] = f"他人已改为：{'（空）' if stored is None else f'{stored:.2f}'}"
