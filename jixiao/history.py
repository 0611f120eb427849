"""Reading django-simple-history records as the changes people see: who, when, what, old → new.

Every model whose history a page shows goes through `field_changes`, so that a creation, an
edit and a deletion read the same way everywhere.
"""

from dataclasses import dataclass
from datetime import datetime

EMPTY = "（空）"
DELETED = "（已删除）"


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    row: str
    item: str
    old: str
    new: str


def who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.username) if user else "系统"


def _text(value) -> str:
    if value is None or value == "":
        return EMPTY
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def field_changes(records, row_of, fields: dict[str, str], removal: tuple[str, str] = ("删除", DELETED)) -> list[Change]:
    """Changes of `fields` (attribute → label) across history records (any order), one per changed field.

    row_of(record) names the thing changed (e.g. the indicator's name); a deletion is one change
    whose item and new value are `removal` (by default 删除 → （已删除）; a withdrawal says 撤回).
    """
    result = []
    last: dict[int, dict] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = last.get(record.id, {})
        if record.history_type == "-":
            result.append(Change(record.history_date, who(record), row_of(record), removal[0], "", removal[1]))
            last[record.id] = {}
            continue
        after = {attribute: getattr(record, attribute) for attribute in fields}
        last[record.id] = after
        for attribute, label in fields.items():
            old, new = before.get(attribute), after[attribute]
            if old == new or (not before and new in (None, "", False)):
                continue
            result.append(Change(record.history_date, who(record), row_of(record), label, _text(old) if before else EMPTY, _text(new)))
    return result
