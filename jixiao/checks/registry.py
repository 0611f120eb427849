"""The one rule registry.

A rule is defined once, in a family module of `jixiao.checks.rules` (sums,
rates, balances, grades, targets, scheme points, and the few rules proper to
accounts, reports and documents), with its code, Chinese title, severity and
how to fix it. A family's functions take plain values (Decimal with the place
it came from) and return findings built by `Rule.found`, so the severity of a
code is the one registered here and nowhere else. The accounts checks, the goal
checks, scoring, assessment and the report health check are thin adapters that
build those values and call the family.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models


class Severity(models.TextChoices):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"
    HINT = "hint", "提示"


SEVERITY_ORDER = {Severity.HINT: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Place:
    """Where a value stands: a cell of a unit-year, a paragraph, a table cell."""

    label: str
    ref: str = ""
    quote: str = ""

    def as_dict(self):
        return {"label": self.label, "ref": self.ref, "quote": self.quote}


@dataclass(frozen=True)
class Amount:
    value: Decimal
    place: Place


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: str
    area: str
    fix: str = ""

    def found(self, message: str, places=(), key: str = "", data: dict | None = None) -> "Result":
        """A finding of this rule, with the rule's own severity and fix."""
        return Result(self.code, self.severity, message, tuple(places), key or self.code, self.fix, data or {})


@dataclass(frozen=True)
class Result:
    """One finding produced by a rule, before it is stored."""

    code: str
    severity: str
    message: str
    places: tuple[Place, ...] = ()
    key: str = ""
    fix: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def title(self):
        return RULES[self.code].title if self.code in RULES else self.code

    def as_dict(self):
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "fix": self.fix,
            "places": [place.as_dict() for place in self.places],
        }


RULES: dict[str, Rule] = {}


def register(code: str, title: str, severity: str, area: str, fix: str = "") -> Rule:
    if code in RULES and RULES[code] != Rule(code, title, severity, area, fix):
        raise ValueError(f"rule {code} registered twice with different definitions")
    RULES[code] = Rule(code, title, severity, area, fix)
    return RULES[code]


def rule(code: str) -> Rule:
    """The registered rule of a code (KeyError for an unknown code: a typo must not pass silently)."""
    return RULES[code]


def at_least(severity: str, results):
    floor = SEVERITY_ORDER[Severity(severity)]
    return [result for result in results if SEVERITY_ORDER[Severity(result.severity)] >= floor]
