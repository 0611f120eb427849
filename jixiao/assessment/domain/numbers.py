"""Points and statistics in Decimal, so that every database gives the same figures."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_points(value: Decimal | None) -> str:
    """Points as people write them: 13, 0.5, 87.25 (no trailing zeros)."""
    if value is None:
        return "—"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def fmt_score(value: Decimal | None) -> str:
    """A computed score, always with two decimals: 87.17."""
    return "—" if value is None else f"{round2(value):.2f}"


def mean(values: Sequence[Decimal]) -> Decimal:
    if not values:
        raise ValueError("mean of no values")
    return sum(values, ZERO) / len(values)


def median(values: Sequence[Decimal]) -> Decimal:
    if not values:
        raise ValueError("median of no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def trimmed_mean(values: Sequence[Decimal], drop: int = 1) -> Decimal:
    """Mean after dropping the `drop` highest and `drop` lowest values."""
    if len(values) <= 2 * drop:
        raise ValueError("too few values to drop extremes")
    ordered = sorted(values)
    return mean(ordered[drop : len(ordered) - drop])


def quartiles(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
    """Minimum, lower quartile, median, upper quartile, maximum (medians of the halves)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    lower = ordered[:half] or ordered
    upper = ordered[half + len(ordered) % 2 :] or ordered
    return ordered[0], median(lower), median(ordered), median(upper), ordered[-1]
