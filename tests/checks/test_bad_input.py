"""The findings list and explanations with garbage in their parameters: a Chinese message, no 500."""

from django.contrib.messages import get_messages

from jixiao.accounts.models import UnitYear
from jixiao.checks.models import Finding


def test_a_year_of_superscript_one_is_refused_with_a_message_and_the_list_still_shows(client_for, yueyang_filler, source_accounts):
    response = client_for(yueyang_filler).get("/checks/", {"year": "¹"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "年度“¹”无法识别，请填写四位数字年份（1900–2100）" in page
    assert Finding.objects.filter(unit=source_accounts["yueyang"]).first().message[:10] in page


def test_next_foo_after_the_explanation_was_saved_goes_to_the_list(client_for, yueyang_filler, source_accounts):
    finding = Finding.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017, rule_code="balance.rounding")
    response = client_for(yueyang_filler).post(f"/checks/{finding.pk}/explain/", {"explanation": "四舍五入所致", "next": "foo"})
    assert response.status_code == 302 and response["Location"] == "/checks/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["情况说明已保存。"]
    finding.refresh_from_db()
    assert finding.explanation == "四舍五入所致"


def test_next_to_another_host_is_not_followed(client_for, yueyang_filler, source_accounts):
    finding = Finding.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017, rule_code="balance.rounding")
    for target in ["//evil.example/", "https://evil.example/", "javascript:alert(1)"]:
        response = client_for(yueyang_filler).post(f"/checks/{finding.pk}/explain/", {"explanation": "说明", "next": target})
        assert response["Location"] == "/checks/"
    assert UnitYear.objects.filter(unit=source_accounts["yueyang"]).exists()
