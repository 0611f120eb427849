import pytest

from jixiao.assessment import schemes
from jixiao.sources import lianyungang_2018


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded evidence goes to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def county_units(units):
    return {key: units[key] for key in lianyungang_2018.COUNTIES.values()}


@pytest.fixture
def draft_2018(units, county_units):
    """Lianyungang's 2018 scheme as typed in from the document, not yet issued."""
    return schemes.load_source(lianyungang_2018, units["lianyungang"], county_units)
