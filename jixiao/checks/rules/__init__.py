"""The rule families over plain values. Importing this package registers every rule.

Families: sums (parts add up to the total), balances (balance = income −
expenditure, carry-over), rates (a stated rate, execution over 100 %, spending
over budget, and the one execution-rate computation), grades (grade band from
the scheme, score ceilings, low execution beside a grade above 中), targets (target met, vague, without unit ...),
scheme_points (points and weights that add up, steps, bonus caps),
growth (growth rates), counts (counts against lists and parts), scores (execution
score both ways, scheme text vs points, category points), readings (findings that hold only under one reading of a report). Rules proper
to one area: accounts, reports, documents.
"""

from jixiao.checks.rules import (  # noqa: F401 - imported to register every rule
    accounts,
    balances,
    counts,
    documents,
    grades,
    growth,
    rates,
    readings,
    reports,
    scheme_points,
    scores,
    sums,
    targets,
)
