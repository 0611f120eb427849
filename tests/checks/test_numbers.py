"""The one number reader: every form, import and the health check's digits."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.assessment.domain.scores import EntryError, parse_measure_value, parse_score
from jixiao.goals.forms import read_value
from jixiao.goals.goal_forms import IndicatorForm
from jixiao.healthcheck.numbers import read_numbers
from jixiao.money import AmountError, parse_amount
from jixiao.numbers import NumberError, read_decimal


@pytest.mark.parametrize(("text", "value"), [
    ("1086.91", "1086.91"), ("1,086.91", "1086.91"), ("1,234.50", "1234.50"), ("１０８６．９１", "1086.91"),
    (" 12 ", "12"), ("\u300012.5", "12.5"), (".5", "0.5"), ("1,000,000", "1000000"),
])
def test_plain_numbers(text, value):
    assert read_decimal(text) == D(value)


@pytest.mark.parametrize("text", ["12,34", "1,23,456", "1_000", "1e3", "1E3", "NaN", "Infinity", "0x10", "1..2", "12a", "-", "."])
def test_refused(text):
    with pytest.raises(NumberError):
        read_decimal(text, allow_negative=True)


def test_bounded_and_signed():
    assert read_decimal("") is None and read_decimal(None) is None
    with pytest.raises(NumberError, match="不能为负数"):
        read_decimal("-1")
    assert read_decimal("－1", allow_negative=True) == D(-1)
    with pytest.raises(NumberError, match="过大"):
        read_decimal("10000000000000")
    with pytest.raises(TypeError):
        read_decimal(1.5)


def test_every_form_reads_12_34_the_same_way():
    """"12,34" was 1234 in two readers and refused in others; now refused everywhere, each with its own words."""
    with pytest.raises(AmountError, match="千分位逗号位置不对"):
        parse_amount("12,34")
    with pytest.raises(ValueError, match="千分位逗号位置不对"):
        read_value("12,34", "目标值")
    with pytest.raises(EntryError, match="千分位逗号位置不对"):
        parse_measure_value("12,34")
    with pytest.raises(EntryError, match="千分位逗号位置不对"):
        parse_score("1,5", D(10), D("0.5"))
    assert D(1234) not in [q.value for q in read_numbers("收入12,34万元")]


def test_every_form_reads_full_width_digits():
    assert parse_amount("１０８６．９１") == D("1086.91")
    assert read_value("１２．５", "目标值") == D("12.5")
    assert parse_measure_value("９５％") == D("95.00")
    assert parse_score("３．５", D(10), D("0.5")) == D("3.50")
    assert [q.value for q in read_numbers("支出１０８６．９１万元")] == [D("1086.91")]


def test_amount_keeps_its_cents_rule():
    with pytest.raises(AmountError, match="金额最多保留两位小数"):
        parse_amount("1.234")
    assert parse_amount("1,086.9") == D("1086.90")


@given(st.decimals(min_value=D("-999999999"), max_value=D("999999999"), places=2, allow_nan=False, allow_infinity=False))
def test_what_is_printed_reads_back(value):
    assert read_decimal(f"{value:,.2f}", allow_negative=True) == value
    assert read_decimal(f"{value:.2f}", allow_negative=True) == value


def test_django_forms_read_numbers_the_same_way():
    def errors(target):
        form = IndicatorForm({"name": "培训", "level1": "产出指标", "level2": "数量指标", "operator": ">=", "target": target,
                              "unit_of_measure": "人", "points": "10"})
        form.is_valid()
        return form.errors.get("target", [])

    assert errors("1,000") == []
    assert errors("１２") == []
    assert errors("12,34") == ["千分位逗号位置不对，请写成 1,086.91 或 1086.91"]
    assert errors("1e3") == ["指标值须为数字"]
    assert errors("1_000") == ["指标值须为数字"]
