"""Accounts of the source units, loaded from jixiao.sources (typed in from the documents)."""

from decimal import Decimal

from jixiao.accounts.domain import run_checks
from jixiao.accounts.models import Figure, SpecialFund, UnitYear
from jixiao.sources import ezhou_2022, ganzhou_2018, jiangmen_2022, lishui_2020, yueyang_2017


def _dec(text):
    return None if text is None else Decimal(text)


def store_figures(unit_year: UnitYear, figures: dict[str, str]) -> None:
    for line, amount in figures.items():
        Figure.objects.update_or_create(unit_year=unit_year, line=line, defaults={"amount": Decimal(amount)})


def store_funds(unit_year: UnitYear, funds, parent=None) -> None:
    for order, (name, initial, adjusted, actual, science, children) in enumerate(funds, start=1):
        fund, _ = SpecialFund.objects.update_or_create(
            unit_year=unit_year, parent=parent, name=name,
            defaults={
                "sort_order": order, "initial_budget": _dec(initial), "adjusted_budget": _dec(adjusted),
                "actual": _dec(actual), "is_science_popularisation": science,
            },
        )
        store_funds(unit_year, children, fund)


def load(units) -> None:
    yueyang, _ = UnitYear.objects.get_or_create(unit=units["yueyang"], fiscal_year=yueyang_2017.FISCAL_YEAR)
    store_figures(yueyang, yueyang_2017.SUMMARY)
    store_funds(yueyang, yueyang_2017.FUNDS)
    # The year before, with the one figure the 2017 report states of it (its closing balance).
    before, _ = UnitYear.objects.get_or_create(unit=units["yueyang"], fiscal_year=yueyang_2017.FISCAL_YEAR - 1)
    store_figures(before, yueyang_2017.PREVIOUS_YEAR_FIGURES)
    for key, figures in yueyang_2017.SUB_UNITS.items():
        sub_year, _ = UnitYear.objects.get_or_create(unit=units[key], fiscal_year=yueyang_2017.FISCAL_YEAR)
        store_figures(sub_year, figures)
    loaded = [before, yueyang]
    for key, source in (("lishui", lishui_2020), ("jiangmen", jiangmen_2022), ("ganzhou", ganzhou_2018),
                        ("ezhou", ezhou_2022)):
        unit_year, _ = UnitYear.objects.get_or_create(unit=units[key], fiscal_year=source.FISCAL_YEAR)
        store_figures(unit_year, source.FIGURES)
        store_funds(unit_year, source.FUNDS)
        loaded.append(unit_year)
    for unit_year in loaded:
        run_checks(unit_year)
