"""The scheme editor's form: what a finance officer typed, turned into a scheme file (exchange format)
and back, with every problem of jixiao.scoring.exchange.problems placed at the field it concerns."""

from dataclasses import dataclass, field

BLANK_CATEGORIES = 2
BLANK_BANDS = 1
BLANK_TIERS = 1


@dataclass
class Typed:
    """The editor's values as typed (text), and the errors per field name."""

    values: dict
    categories: list  # [{"name", "points", "split", "members"}], as typed, with blank rows
    bands: list  # [{"grade", "floor", "consequence"}]
    tiers: list  # [{"high", "low"}]
    errors: dict = field(default_factory=dict)
    general: list = field(default_factory=list)

    def error(self, name: str) -> str:
        return self.errors.get(name, "")


SCALARS = ("name", "source", "layout", "execution_points", "reverse_rule", "range_above_rule", "over_ratio", "step",
           "tolerance", "aliases")
CHECKBOXES = ("allow_ranges", "satisfaction_redistribution", "over_deduction")


def _split_names(text: str) -> list[str]:
    for mark in ("，", ",", "；", ";", " "):
        text = text.replace(mark, "、")
    return [part.strip() for part in text.split("、") if part.strip()]


def typed_from_data(data: dict) -> Typed:
    over = data.get("over_achievement") or {}
    values = {
        "name": data.get("name", ""), "source": data.get("source", ""), "layout": data.get("layout", "mof"),
        "execution_points": str(data["execution"]["points"]), "reverse_rule": data.get("reverse_rule", "ratio"),
        "range_above_rule": data.get("range_above_rule", "full"), "over_ratio": over.get("ratio") or "",
        "step": str(data.get("step", "0.01")), "tolerance": str(data.get("tolerance", "0.01")),
        "aliases": "\n".join(f"{level1}={target}" for level1, target in (data.get("category_aliases") or {}).items()),
        "allow_ranges": bool(data.get("allow_ranges")),
        "satisfaction_redistribution": bool(data.get("satisfaction_redistribution", True)),
        "over_deduction": bool(over.get("deduction")),
    }
    categories = [{"name": c["name"], "points": str(c["points"]), "split": bool(c.get("split_by_unit")),
                   "members": "、".join(c.get("members") or [])} for c in data["categories"]]
    bands = [{"grade": b["grade"], "floor": str(b["floor"]), "consequence": b.get("consequence", "")}
             for b in data["grade_bands"]]
    tiers = [{"high": str(high), "low": str(low)} for high, low in data["qualitative_tiers"]]
    categories += [{"name": "", "points": "", "split": False, "members": ""} for _ in range(BLANK_CATEGORIES)]
    bands += [{"grade": "", "floor": "", "consequence": ""} for _ in range(BLANK_BANDS)]
    tiers += [{"high": "", "low": ""} for _ in range(BLANK_TIERS)]
    return Typed(values, categories, bands, tiers)


def _rows(post, prefix: str, names: tuple, checkbox: tuple = ()) -> list[dict]:
    rows, index = [], 0
    while f"{prefix}-{index}-{names[0]}" in post:
        row = {name: post.get(f"{prefix}-{index}-{name}", "").strip() for name in names}
        for name in checkbox:
            row[name] = post.get(f"{prefix}-{index}-{name}") == "on"
        rows.append(row)
        index += 1
    return rows


def typed_from_post(post) -> Typed:
    values = {name: post.get(name, "").strip() for name in SCALARS}
    for name in CHECKBOXES:
        values[name] = post.get(name) == "on"
    return Typed(
        values,
        _rows(post, "cat", ("name", "points", "members"), ("split",)),
        _rows(post, "band", ("grade", "floor", "consequence")),
        _rows(post, "tier", ("high", "low")),
    )


def data_from_typed(typed: Typed, base: dict) -> tuple[dict, dict]:
    """(scheme file, {exchange field: editor field}) from what was typed; blank rows are dropped."""
    v = typed.values
    where = {"name": "name", "execution_points": "execution_points", "step": "step", "tolerance": "tolerance",
             "over_achievement_ratio": "over_ratio", "category_aliases": "aliases", "layout": "layout",
             "reverse_rule": "reverse_rule", "range_above_rule": "range_above_rule"}
    categories = []
    for index, row in enumerate(typed.categories):
        if not (row["name"] or row["points"] or row["members"]):
            continue
        n = len(categories)
        for part in ("name", "points", "members"):
            where[f"categories-{n}-{part}"] = f"cat-{index}-{part}"
        categories.append({"name": row["name"], "points": row["points"], "split_by_unit": row["split"],
                           "members": _split_names(row["members"])})
    bands = []
    for index, row in enumerate(typed.bands):
        if not (row["grade"] or row["floor"] or row["consequence"]):
            continue
        n = len(bands)
        for part in ("grade", "floor"):
            where[f"grade_bands-{n}-{part}"] = f"band-{index}-{part}"
        bands.append({"grade": row["grade"], "floor": row["floor"], "consequence": row["consequence"]})
    tiers = [[row["high"], row["low"]] for row in typed.tiers if row["high"] or row["low"]]
    aliases = {}
    for line in v["aliases"].splitlines():
        if "=" in line:
            level1, _, target = line.partition("=")
            if level1.strip():
                aliases[level1.strip()] = target.strip()
    data = {
        **base,
        "name": v["name"], "source": v["source"], "layout": v["layout"],
        "execution": {"points": v["execution_points"], "formula": base["execution"].get("formula", "rate_capped")},
        "categories": categories, "category_aliases": aliases, "grade_bands": bands, "qualitative_tiers": tiers,
        "reverse_rule": v["reverse_rule"], "allow_ranges": v["allow_ranges"], "range_above_rule": v["range_above_rule"],
        "satisfaction_redistribution": v["satisfaction_redistribution"],
        "over_achievement": {"ratio": v["over_ratio"] or None, "deduction": v["over_deduction"]},
        "step": v["step"], "tolerance": v["tolerance"],
    }
    return data, where


def place_problems(typed: Typed, problems: list, where: dict) -> Typed:
    """Each problem at its editor field; those about the whole table (categories, bands, tiers) above it."""
    for field_name, message in problems:
        target = where.get(field_name)
        if target is None:
            target = {"categories": "categories", "grade_bands": "grade_bands", "qualitative_tiers": "tiers"}.get(
                field_name.split("-")[0], "")
        if target:
            typed.errors[target] = (typed.errors[target] + "；" + message) if target in typed.errors else message
        else:
            typed.general.append(message)
    # Each row carries its own messages, printed beside it.
    for prefix, rows, parts in (("cat", typed.categories, ("name", "points", "members")),
                                ("band", typed.bands, ("grade", "floor"))):
        for index, row in enumerate(rows):
            row["errors"] = {part: typed.errors[f"{prefix}-{index}-{part}"] for part in parts
                             if f"{prefix}-{index}-{part}" in typed.errors}
    return typed
