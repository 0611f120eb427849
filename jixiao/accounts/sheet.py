"""A unit-year's figures as plain data, with sub-units rolled up.

Pure: built from dictionaries, so derived figures and checks can be computed
and tested without the database, and in bulk.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.accounts.lines import LINES_BY_CODE

ZERO = Decimal("0")


def _sum(values):
    present = [value for value in values if value is not None]
    return sum(present, ZERO) if present else None


@dataclass
class FundLine:
    name: str
    initial_budget: Decimal | None = None
    adjusted_budget: Decimal | None = None
    actual: Decimal | None = None
    is_science_popularisation: bool = False
    children: list["FundLine"] = field(default_factory=list)
    ref: str = ""
    # The stored SpecialFund's key, by which a project goal finds its fund (never by name).
    pk: int | None = None

    @property
    def stated_budget(self) -> Decimal | None:
        return self.adjusted_budget if self.adjusted_budget is not None else self.initial_budget

    @property
    def budget(self) -> Decimal | None:
        """The budget the execution rate is measured against: adjusted, else initial, else the sub-lines'."""
        if self.stated_budget is not None:
            return self.stated_budget
        return _sum(child.budget for child in self.children)

    @property
    def spent(self) -> Decimal | None:
        if self.actual is not None:
            return self.actual
        return _sum(child.spent for child in self.children)


@dataclass
class Sheet:
    """Figures of one unit-year. `own` holds what was typed or stated for this unit."""

    unit_name: str
    fiscal_year: int
    own: dict[str, Decimal] = field(default_factory=dict)
    children: list["Sheet"] = field(default_factory=list)
    funds: list[FundLine] = field(default_factory=list)
    previous: "Sheet | None" = None
    population: int | None = None
    ref: str = ""
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def has_children(self) -> bool:
        return bool(self.children)

    def stated(self, code: str) -> Decimal | None:
        return self.own.get(code)

    def computed(self, code: str) -> Decimal | None:
        """The value derived from other cells: parts for a total, sub-units for a parent."""
        if code in self._cache:
            return self._cache[code]
        line = LINES_BY_CODE[code]
        if line.is_total:
            positive = _sum(self.value(part) for part in line.parts)
            negative = _sum(self.value(part) for part in line.minus)
            if positive is None and negative is None:
                result = None
            else:
                result = (positive or ZERO) - (negative or ZERO)
        elif self.children:
            result = _sum(child.value(code) for child in self.children)
        else:
            result = None
        self._cache[code] = result
        return result

    def value(self, code: str) -> Decimal | None:
        """What the product shows: derived where it can be, else what was stated."""
        computed = self.computed(code)
        return computed if computed is not None else self.stated(code)

    def is_derived(self, code: str) -> bool:
        return self.computed(code) is not None

    def fund(self, pk: int | None) -> FundLine | None:
        """The special fund (at any depth) with this key; None when there is none."""
        if pk is None:
            return None
        return next((fund for fund in self.all_funds() if fund.pk == pk), None)

    def all_funds(self):
        stack = list(self.funds)
        while stack:
            fund = stack.pop(0)
            yield fund
            stack[0:0] = fund.children
