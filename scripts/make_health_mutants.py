#!/usr/bin/env python3
"""Build the health-check corpus's mutated copies: one injected error each.

Reads tests/healthcheck/corpus/labels.json. For every document a reviewer
labelled without an error, each recorded relation is first checked by plain
Decimal arithmetic (half-up at the precision the document prints), then one
copy of the document is written per mutation with exactly one figure changed:
a part of a sum (+10), a part's unit (万元 → 元), a rate or share (+3 points),
a growth rate (+4 points), a count (+1), a part of a count (+2), an execution
score (−3) or a scheme's points (+1). The expected rule family is recorded in
mutants.json next to the copies, for `jixiao check --evaluate`.

Independent of the product's code on purpose: the labels and the injected
errors must not come from the tool they measure.

    python scripts/make_health_mutants.py [CORPUS_DIR]
"""

import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "healthcheck" / "corpus"
CN_DIGITS = "零一二三四五六七八九十"
D = Decimal


def number(text: str) -> Decimal:
    if text in CN_DIGITS:
        return D(CN_DIGITS.index(text))
    return D(text.replace(",", ""))


def places(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(D(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent(numerator: Decimal, denominator: Decimal, decimals: int) -> Decimal:
    return rounded(numerator * 100 / denominator, decimals)


def verify(relation: dict) -> None:
    """The reviewer's arithmetic: raise if a recorded relation does not hold."""
    kind = relation["type"]
    if kind in {"sum", "count_sum"}:
        total = number(relation["total"])
        parts = sum((number(part) for part in relation["parts"]), D(0))
        assert total == parts, f"{relation}: {parts} ≠ {total}"
    elif kind in {"share", "rate", "completion"}:
        numerator = number(relation.get("part") or relation.get("num") or relation["done"])
        denominator = number(relation.get("whole") or relation.get("den") or relation["set"])
        stated = D(relation["rate"])
        assert percent(numerator, denominator, places(relation["rate"])) == stated, relation
    elif kind == "growth":
        change = number(relation["change"])
        prior = relation.get("prior")
        if prior is None:
            current = number(relation["current"])
            prior_value = current - change if relation["dir"] == "up" else current + change
        else:
            prior_value = number(prior)
        assert percent(change, prior_value, places(relation["rate"])) == D(relation["rate"]), relation
    elif kind == "count":
        assert number(relation["count"]) == len(relation["items"]), relation
    elif kind == "exec_score":
        rate = number(relation["actual"]) / number(relation["budget"])
        allowed = number(relation["points"]) * min(rate, D(1))
        assert abs(allowed - number(relation["score"])) <= D("0.01"), relation
    elif kind == "scheme":
        assert number(relation["total"]) == sum((number(i) for i in relation["items"]), D(0)), relation
    else:
        raise ValueError(f"unknown relation type {kind}")


def shifted(literal: str, delta: Decimal) -> str:
    if literal in CN_DIGITS:
        return CN_DIGITS[CN_DIGITS.index(literal) + int(delta)]
    value = number(literal) + delta
    text = f"{value:.{places(literal)}f}"
    if "," in literal:
        whole, _, fraction = text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    return text


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|[一二三四五六七八九十]")
TARGET = {"share": "rate", "rate": "rate", "growth": "rate", "completion": "rate", "exec_score": "score", "count": "count"}
MUTATIONS = {
    # type: (what is changed, delta, expected rule family)
    "sum": ("分项金额", D(10), "sum"),
    "share": ("占比", D(3), "rate"),
    "rate": ("比率", D(3), "rate"),
    "completion": ("完成率", D(3), "rate"),
    "growth": ("增长率", D(4), "growth"),
    "count": ("个数", D(1), "count"),
    "count_sum": ("分项人数/个数", D(2), "count"),
    "exec_score": ("执行率得分", D(-3), "execution"),
    "scheme": ("分值", D(1), "scheme"),
}


# A second, small slip for rates and counts: the kind of error a typist makes.
SLIGHT = {"share", "rate", "completion", "growth", "count"}


def slight_delta(relation: dict) -> Decimal:
    if relation["type"] == "count":
        return D(-1) if number(relation["count"]) > 1 else D(2)
    decimals = places(relation["rate"])
    return D("0.3") if decimals else D(1)


def mutate_number(text: str, needle: str, relation: dict, delta: Decimal) -> tuple[str, str, str]:
    if text.count(needle) != 1:
        raise ValueError(f"needle {needle!r} occurs {text.count(needle)} times")
    field = TARGET.get(relation["type"])
    if field is not None:
        literal = relation[field]
        literal_text = next(
            (m.group(0) for m in NUMBER.finditer(needle) if m.group(0).replace(",", "") == literal.replace(",", "")),
            None,
        )
        if literal_text is None:
            raise ValueError(f"{literal} not in needle {needle!r}")
        at = needle.rfind(literal_text)
    else:
        wanted = {number(v) for v in relation.get("parts", [])} if relation["type"] == "sum" else set()
        match = next((m for m in NUMBER.finditer(needle) if not wanted or number(m.group(0)) in wanted), None)
        literal_text, at = match.group(0), match.start()
    new = shifted(literal_text, delta)
    changed = needle[:at] + new + needle[at + len(literal_text) :]
    return text.replace(needle, changed), literal_text, new


def build(corpus: Path) -> list[dict]:
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    out_dir = corpus / "mutants"
    out_dir.mkdir(exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    mutants = []
    for document in labels["documents"]:
        for relation in document["relations"]:
            verify(relation)
        if any(finding["severity"] == "error" for finding in document["findings"]):
            continue  # only documents whose figures add up get an injected error
        text = (corpus / "documents" / document["file"]).read_text(encoding="utf-8")
        stem = document["file"].removesuffix(".txt")
        for index, relation in enumerate(document["relations"], start=1):
            what, delta, family = MUTATIONS[relation["type"]]
            variants = [("value", relation["mutate"])]
            if relation["type"] in SLIGHT:
                variants.append(("slight", relation["mutate"]))
            if relation.get("unit_mutate"):
                variants.append(("unit", relation["unit_mutate"]))
            for variant, needle in variants:
                if variant == "unit":
                    if text.count(needle) != 1 or "万元" not in needle:
                        raise ValueError(f"unit needle {needle!r}")
                    mutated, old, new = text.replace(needle, needle.replace("万元", "元", 1)), "万元", "元"
                    description = f"把“{needle}”的单位改为元"
                else:
                    step = delta if variant == "value" else slight_delta(relation)
                    mutated, old, new = mutate_number(text, needle, relation, step)
                    description = f"{what}：{old} → {new}（在“{needle.strip()}”处）"
                name = f"{stem}__{index:02d}_{relation['type']}_{variant}.txt"
                (out_dir / name).write_text(mutated, encoding="utf-8")
                mutants.append({
                    "file": name,
                    "original": document["file"],
                    "relation": index,
                    "kind": f"{relation['type']}:{variant}",
                    "family": family,
                    "from": old,
                    "to": new,
                    "description": description,
                })
    (corpus / "mutants.json").write_text(
        json.dumps({"about": "每个副本注入一个错误；family 为应当发现它的规则族。由 scripts/make_health_mutants.py 生成。",
                    "mutants": mutants}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return mutants


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    made = build(corpus)
    print(f"{len(made)} 个注入错误的副本写入 {corpus / 'mutants'}")
