"""The overview's counts by grade and status, per unit-year (models.OverviewCount), and the pages they give.

A provincial finance bureau sees 30,000 unit-years and 1.5 million goals; counting them by grade and sorting them
by unit on every request took most of a second. The counts are kept here instead, recounted for a unit-year from
its goals (one GROUP BY over its few dozen rows) whenever a grade or a status can have changed, so the page sums a
few rows per unit-year and finds the unit-years of its page before reading their goals.
"""

from django.db.models import CharField, Count, Sum, Value
from django.db.models.functions import Coalesce

from jixiao.evaluations.models import OverviewCount
from jixiao.goals.models import Goal

NO_EVALUATION = Value("", output_field=CharField())


def recount(unit_year_ids) -> None:
    """Count again the goals of these unit-years by grade and status (inside the caller's transaction)."""
    unit_year_ids = list(unit_year_ids)
    counted = (Goal.objects.filter(unit_year_id__in=unit_year_ids).order_by()
               .values("unit_year_id", "result_grade")
               .annotate(state=Coalesce("evaluation__status", NO_EVALUATION), count=Count("pk"))
               .values_list("unit_year_id", "result_grade", "state", "count"))
    rows = [OverviewCount(unit_year_id=unit_year_id, grade=grade, status=state, count=count)
            for unit_year_id, grade, state, count in counted]
    OverviewCount.objects.filter(unit_year_id__in=unit_year_ids).delete()
    OverviewCount.objects.bulk_create(rows, batch_size=1000)


def recount_all(batch: int = 2000) -> None:
    """Every unit-year with goals (a fresh database, a bulk load), a batch of unit-years at a time."""
    ids = list(Goal.objects.order_by("unit_year_id").values_list("unit_year_id", flat=True).distinct())
    for start in range(0, len(ids), batch):
        recount(ids[start:start + batch])


def wanted(grade: str = "", status: str = "") -> tuple[str | None, str | None]:
    """The overview's filters as the stored values they keep: (grade, status), None where not filtered.
    "未评分" is the empty grade; "none" is the empty status, a goal with no evaluation yet."""
    return ("" if grade == "未评分" else grade or None), ("" if status == "none" else status or None)


def counts_of(units, grade: str = "", status: str = ""):
    """OverviewCount rows of these units' years, narrowed as the overview's filters narrow its goals."""
    counts = OverviewCount.objects.filter(unit_year__unit__in=units)
    grade, status = wanted(grade, status)
    if grade is not None:
        counts = counts.filter(grade=grade)
    if status is not None:
        counts = counts.filter(status=status)
    return counts


def grade_counts(counts) -> list[tuple[str, int]]:
    """(grade, goals) over the counts, in grade order ("" first)."""
    return list(counts.order_by("grade").values("grade").annotate(total=Sum("count")).values_list("grade", "total"))


def page_unit_years(counts, ordering, start: int, size: int) -> tuple[list[int], int]:
    """The unit-years holding goals start..start+size of the overview sorted by unit (`ordering` of unit-years),
    and how many goals of the first one come before the page: (unit-year ids, goals to skip)."""
    per_unit_year = (counts.values("unit_year_id").annotate(total=Sum("count")).order_by(*ordering)
                     .values_list("unit_year_id", "total"))
    ids, seen, skip = [], 0, 0
    for unit_year_id, total in per_unit_year.iterator(chunk_size=5000):
        if seen + total > start:
            if not ids:
                skip = start - seen
            ids.append(unit_year_id)
            if seen + total >= start + size:
                break
        seen += total
    return ids, skip
