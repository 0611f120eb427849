"""The health check's tests read reports without a database: the schemes a report may follow are
the shipped ones, from the same files the data migration loads (tests/scoring/shipped.py). The
recognition of a scheme published in the database is tested in tests/scoring/test_scheme_consumers.py.
Package-scoped, so that module-scoped fixtures checking the corpus see it too, and undone after."""

import pytest

from tests.scoring.shipped import SHIPPED_BOOK


@pytest.fixture(autouse=True, scope="package")
def shipped_schemes():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("jixiao.healthcheck.domain.scheme_book", lambda: SHIPPED_BOOK)
        yield
