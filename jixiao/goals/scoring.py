"""A goal's scoring: its scheme (data, chosen per goal) and the engine's result for its indicators."""

from jixiao.scoring.schemes import DEFAULT_SCHEME, SCHEMES, ScoringScheme


def scheme_of(goal) -> ScoringScheme:
    return SCHEMES.get(goal.scheme_code, DEFAULT_SCHEME)
