"""Rectification plans with dates out of range and over-long owners: a Chinese message, nothing stored."""

import pytest
from django.contrib.messages import get_messages

from jixiao.evaluations.models import Rectification


@pytest.fixture
def rectification(source_accounts):
    return Rectification.objects.create(unit=source_accounts["yueyang"], raised_in_year=2017, problem="预算执行率偏低", measure="加快执行")


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "2017-02-30", "¹"])
def test_a_due_date_out_of_range_or_unreadable_is_refused(client_for, yueyang_filler, rectification, typed):
    response = client_for(yueyang_filler).post(f"/evaluations/rectifications/{rectification.pk}/plan/", {"owner": "财务科", "due_date": typed})
    assert response.status_code == 302
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("整改期限")
    assert "2000-01-01 至 2099-12-31" in message or "不是有效日期" in message
    rectification.refresh_from_db()
    assert (rectification.owner, rectification.due_date) == ("", None)


def test_an_owner_longer_than_its_column_is_refused_on_sqlite_too(client_for, yueyang_filler, rectification):
    response = client_for(yueyang_filler).post(f"/evaluations/rectifications/{rectification.pk}/plan/", {"owner": "科" * 61, "due_date": ""})
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == "整改期限未保存：责任人不能超过 60 个字（现在 61 个）。"
    rectification.refresh_from_db()
    assert rectification.owner == ""
