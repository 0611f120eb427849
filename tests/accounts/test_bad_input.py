"""Accounts with garbage: a formula without its result is refused on import; huge amounts are refused."""

import io

import pytest

from jixiao.accounts.models import UnitYear
from jixiao.money import AmountError, parse_amount
from tests.accounts.test_excel import download, listed_errors, snapshot, upload


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)


def test_a_formula_without_a_cached_value_is_refused_on_import_and_clears_nothing(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    before = snapshot(yueyang_2017)
    workbook = download(client, yueyang_2017)
    income = workbook["收入"]
    income["D5"] = "=100+1"  # written by a program: openpyxl stores no cached result
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, yueyang_2017, buffer.getvalue())
    assert response.status_code == 400
    (error,) = listed_errors(response)
    assert error.startswith("收入 第5行 D列（财政拨款收入）：单元格是公式 =100+1，但文件中没有它的计算结果。")
    assert snapshot(yueyang_2017) == before


@pytest.mark.parametrize("typed", ["99999999999999999999999.001", "1" * 40 + ".5", "-" + "9" * 30 + ".123"])
def test_a_huge_amount_with_decimals_is_refused_not_a_500(typed):
    with pytest.raises(AmountError, match="金额过大|金额不能为负数"):
        parse_amount(typed)
