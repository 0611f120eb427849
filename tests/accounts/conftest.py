import pytest

from jixiao.accounts.models import UnitYear
from jixiao.accounts.queries import sheet_for


@pytest.fixture
def sheet_of(source_accounts):
    def load(key, year):
        return sheet_for(UnitYear.objects.get(unit=source_accounts[key], fiscal_year=year))

    return load
