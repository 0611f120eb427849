"""Counts and lists: "下属单位8个" followed by the names, "共12个项目，其中…".

A count followed (or preceded) by an explicit list of names must match the
number of names; a list with "等" is open and is not checked. The parts
of a count ("实有人员20人，其中在职10人、离退休10人") must add up: more than
the total cannot be reconciled (error); fewer is usually a partial "其中" (hint).
"""

from decimal import Decimal

from jixiao.checks.registry import Amount, Result, Severity, register

LIST = register("count.list", "个数与所列名单不符", Severity.WARNING, "counts", "核对所写个数与列出的名称，补全名单或改正个数。")
PARTS = register("count.parts", "分项个数之和与合计不符", Severity.ERROR, "counts", "核对合计人数（个数）与各分项。")
PARTS_SHORT = register("count.parts_short", "“其中”所列个数少于合计", Severity.HINT, "counts",
                       "若“其中”只列了一部分可不处理；否则补全分项或核对合计。")


def _n(value: Decimal) -> str:
    return f"{value.normalize():f}"


def count_of_list(count: Amount, names: list[str], what: str = "", key: str = "") -> Result | None:
    if not names or Decimal(len(names)) == count.value:
        return None
    listed = "、".join(names[:12]) + ("……" if len(names) > 12 else "")
    return LIST.found(
        f"写明{what}{_n(count.value)}个，列出的却是 {len(names)} 个：{listed}",
        (count.place,), key or f"count-list:{count.place.ref}", {"stated": str(count.value), "listed": len(names)},
    )


def count_parts(total: Amount, parts: list[Amount], unit: str = "", what: str = "", key: str = "",
                exhaustive: bool = False) -> Result | None:
    computed = sum((part.value for part in parts), Decimal(0))
    if computed == total.value:
        return None
    formula = " + ".join(_n(part.value) for part in parts)
    places = (total.place, *(part.place for part in parts))
    data = {"stated": str(total.value), "computed": str(computed)}
    if computed > total.value or exhaustive:
        return PARTS.found(f"{what}{_n(total.value)}{unit}，其中 {formula} = {_n(computed)}{unit}，"
                      + ("分项多于合计" if computed > total.value else "所列分项（含“其他”）少于合计"),
                           places, key or f"count-parts:{total.place.ref}", data)
    # Fewer than the total is the usual partial "其中" ("共培训1000人次，其中青少年300人次"): a hint only.
    return PARTS_SHORT.found(f"{what}{_n(total.value)}{unit}，“其中”所列 {formula} = {_n(computed)}{unit}，少 {_n(total.value - computed)}{unit}"
                  "（若只列了一部分可忽略）",
                             places, key or f"count-parts:{total.place.ref}", data)
