"""The health check's tests read reports without a database: the schemes a report may follow are
the shipped ones, from the same files the data migration loads (tests/scoring/shipped.py). The
recognition of a scheme published in the database is tested in tests/scoring/test_scheme_consumers.py."""

import pytest

from tests.scoring.shipped import SHIPPED_BOOK


@pytest.fixture(autouse=True)
def shipped_schemes(monkeypatch):
    monkeypatch.setattr("jixiao.healthcheck.domain.scheme_book", lambda: SHIPPED_BOOK)
