"""Reading scoring schemes from the database: by code, by region and year, all at once.

A scoring run (a page, a document, a batch of a province's goals, the benchmark)
loads what it needs once: `SchemeBook.load()` reads every published version in
four queries and answers every lookup of the run from memory; `scheme_by_code`
reads one version (its built scheme kept per version and revision, so a page that
asks twice builds it once). An unknown code is refused with UnknownScheme, never
replaced by the MoF default.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from jixiao.scoring.exchange import fmt, scheme_from_data
from jixiao.scoring.models import GradeBand, SchemeCategory, SchemeStatus, SchemeValidity, SchemeVersion
from jixiao.scoring.schemes import ScoringScheme

NATIONWIDE = ""


class UnknownScheme(ValueError):
    """A scheme code no published version carries, or no scheme for a region and year; the message is Chinese."""


def unknown_code_message(code: str) -> str:
    return f"评分方案代码“{code}”不存在或尚未发布，不能按它计分；请选择已发布的评分方案，或请财政部门发布该方案"


def data_of(version: SchemeVersion) -> dict:
    """A version as the exchange file holds it (jixiao.scoring.exchange)."""
    return {
        "code": version.code,
        "family": version.family,
        "version": version.version,
        "name": version.name,
        "source": version.source,
        "layout": version.layout,
        "execution": {"points": fmt(version.execution_points), "formula": version.execution_formula},
        "categories": [
            {"name": c.name, "points": fmt(c.points), "split_by_unit": c.split_by_unit, "members": list(c.members)}
            for c in version.categories.all()
        ],
        "category_aliases": dict(version.category_aliases),
        "grade_bands": [{"grade": b.grade, "floor": fmt(b.floor), "consequence": b.consequence}
                        for b in version.grade_bands.all()],
        "qualitative_tiers": [[fmt(Decimal(str(high))), fmt(Decimal(str(low)))] for high, low in version.qualitative_tiers],
        "reverse_rule": version.reverse_rule,
        "allow_ranges": version.allow_ranges,
        "range_above_rule": version.range_above_rule,
        "satisfaction_redistribution": version.satisfaction_redistribution,
        "over_achievement": {
            "ratio": None if version.over_achievement_ratio is None else fmt(version.over_achievement_ratio),
            "deduction": version.over_achievement_deduction,
        },
        "step": fmt(version.step),
        "tolerance": fmt(version.tolerance),
        "validity": [{"region": v.region, "from_year": v.from_year, "to_year": v.to_year, "kind": v.kind}
                     for v in version.validity.all()],
    }


def scheme_of_version(version: SchemeVersion) -> ScoringScheme:
    """The engine's scheme for a version, draft or published (a draft is scored only in a preview)."""
    return scheme_from_data(data_of(version))


def _with_parts(queryset):
    return queryset.prefetch_related(
        Prefetch("categories", SchemeCategory.objects.order_by("sort_order", "pk")),
        Prefetch("grade_bands", GradeBand.objects.order_by("sort_order", "pk")),
        "validity",
    )


_built: dict = {}


def scheme_by_code(code: str) -> ScoringScheme:
    """The published (or superseded) version with this code; UnknownScheme when there is none."""
    row = (SchemeVersion.objects.filter(code=code).exclude(status=SchemeStatus.DRAFT)
           .values_list("pk", "revision", "created_at").first())
    if row is None:
        raise UnknownScheme(unknown_code_message(code))
    key = (code, *row)
    scheme = _built.get(key)
    if scheme is None:
        scheme = scheme_of_version(_with_parts(SchemeVersion.objects.filter(pk=row[0])).get())
        if len(_built) > 512:
            _built.clear()
        _built[key] = scheme
    return scheme


@dataclass(frozen=True)
class ValidityLine:
    region: str
    from_year: int | None
    to_year: int | None
    kind: str
    code: str

    def covers(self, year: int | None, kind: str) -> bool:
        if year is not None and self.from_year is not None and year < self.from_year:
            return False
        if year is not None and self.to_year is not None and year > self.to_year:
            return False
        return self.kind in ("", kind)


class SchemeBook:
    """Every published scheme and where it applies, loaded once for a scoring run."""

    def __init__(self, schemes: dict, lines: list, names: dict):
        self.schemes = schemes
        self.lines = lines
        self.names = names

    @classmethod
    def load(cls) -> "SchemeBook":
        versions = list(_with_parts(SchemeVersion.objects.exclude(status=SchemeStatus.DRAFT)))
        schemes = {version.code: scheme_of_version(version) for version in versions}
        lines = [
            ValidityLine(line.region, line.from_year, line.to_year, line.kind, version.code)
            for version in versions if version.status == SchemeStatus.PUBLISHED
            for line in version.validity.all()
        ]
        return cls(schemes, lines, {version.code: version.name for version in versions})

    @classmethod
    def from_files(cls, datas) -> "SchemeBook":
        """A book of scheme files, each taken as published with its validity (the shipped schemes without a database)."""
        schemes, lines = {}, []
        for data in datas:
            schemes[data["code"]] = scheme_from_data(data)
            lines += [ValidityLine(line.get("region") or "", line.get("from_year"), line.get("to_year"),
                                   line.get("kind") or "", data["code"]) for line in data.get("validity") or []]
        return cls(schemes, lines, {code: scheme.name for code, scheme in schemes.items()})

    @property
    def default(self) -> ScoringScheme:
        """The nationwide scheme for no year and any kind (MoF 2020 as shipped)."""
        return self.scheme_for([], None, "")

    def recognise(self, execution_points: Decimal | None, category_points: dict) -> ScoringScheme:
        """The scheme a form shows, from the points its headers print.

        execution_points: "得分（20分×执行率）" → 20 (None when the form prints none);
        category_points: {"年度绩效目标": 80, "产出指标": 50, ...} as printed. A scheme that prints
        other points for the same part is out; among the rest the one matching most printed
        points wins, the nationwide default on a tie (and when the form prints nothing).
        """
        default = self.default
        best, best_hits = default, -1
        for scheme in [default, *(s for s in self.schemes.values() if s is not default)]:
            hits = 0
            if execution_points is not None:
                if scheme.execution_points != execution_points:
                    continue
                hits += 1
            fits = True
            for name, points in category_points.items():
                if name in scheme.category_points:
                    if scheme.category_points[name] != points:
                        fits = False
                        break
                    hits += 1
                elif scheme.category_of(name) in scheme.split_categories:
                    continue  # a sub-header of a part the unit splits: its points are the unit's own
                elif name in scheme.category_aliases:
                    fits = False  # the form prints points for what this scheme scores inside another category
                    break
            if fits and hits > best_hits:
                best, best_hits = scheme, hits
        return best

    def by_code(self, code: str) -> ScoringScheme:
        try:
            return self.schemes[code]
        except KeyError:
            raise UnknownScheme(unknown_code_message(code)) from None

    def scheme_for(self, regions, year: int | None = None, kind: str = "department") -> ScoringScheme:
        """The scheme published for the first of `regions` (a place name, or names from the unit up) that has one.

        Within a region the narrowest line wins: a line for this kind before one for every kind, a
        later first year before an earlier one. After the regions comes the nationwide line
        (region ""), the MoF 2020 scheme as shipped. UnknownScheme when nothing applies.
        """
        if regions is None:
            regions = []
        elif isinstance(regions, str):
            regions = [regions]
        for region in [*regions, NATIONWIDE]:
            found = [line for line in self.lines if line.region == region and line.covers(year, kind)]
            if found:
                found.sort(key=lambda line: (line.kind == "", -(line.from_year or 0)))
                return self.schemes[found[0].code]
        raise UnknownScheme(f"没有适用于{'、'.join(regions[:1]) or '全国'}{year or ''}年度的已发布评分方案，请财政部门发布")


def scheme_for(regions, year: int | None = None, kind: str = "department", book: SchemeBook | None = None) -> ScoringScheme:
    """The published scheme for a region (or a unit's place names, see jixiao.units.regions.place_names), year and kind of goal."""
    return (book or SchemeBook.load()).scheme_for(regions, year, kind)


def published_choices() -> list[tuple[str, str]]:
    """(code, name) of every published version, for a goal's scheme field."""
    return list(SchemeVersion.objects.filter(status=SchemeStatus.PUBLISHED).order_by("family", "-version")
                .values_list("code", "name"))


def validity_of(version: SchemeVersion) -> list[SchemeValidity]:
    return list(version.validity.all())
