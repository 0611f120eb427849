"""Consumers read the scheme from the database: the health check recognises a report's scheme by the
points its headers print, and the finance overview shows what each grade means for the budget."""

import re

import pytest

from jixiao.healthcheck.domain import check_report, form_scheme, scheme_book
from jixiao.scoring import domain
from jixiao.scoring.models import SchemeVersion
from jixiao.scoring.queries import data_of

pytestmark = pytest.mark.django_db

FORM = "\n".join([
    "2023年度科普经费项目自评表", "自评得分：{total}分。",
    "", "\t预算执行情况（万元）（{points}分）", "\t预算数（A）", "\t执行数（B）", "\t执行率（B/A）", "\t得分（{points}分×执行率）",
    "", "\t年度财政资金总额", "\t80", "\t40", "\t50", "\t{score}",
    "", "\t年度绩效目标（{rest}分）", "\t一级指标", "\t二级指标", "\t三级指标", "\t年初目标值（A）", "\t实际完成值（B）", "\t得分",
    "", "\t产出指标", "\t数量指标", "\t举办科普讲座", "\t12场", "\t12场", "\t30",
])


def check(points, score, total, rest):
    text = FORM.format(points=points, score=score, total=total, rest=rest)
    return check_report("自评表.txt", text.encode("utf-8"))


def test_a_report_is_checked_under_the_scheme_its_headers_show(units, django_user_model):
    # 20 / 80 in the headers: the shipped Hubei-style scheme; at 50 % execution the most is 10 + 80 = 90.
    hubei = check("20", "10", "95", rest=80)
    assert form_scheme(hubei.extraction, scheme_book())[0].code == "hubei-style"
    ceiling = [f for f in hubei.findings if f.code == "report.score_above_execution"]
    assert [f.message for f in ceiling] == [
        "预算执行率 50.0%，按评分方案“湖北式项目支出绩效自评（预算执行20分，年度绩效目标80分由单位分配）”的权重"
        "（执行率 20 分）最高只能得 90.00 分，自评得分却为 95 分"]
    # A province publishes its own 15 / 85 form; a report printing 15 is then checked under it.
    admin = django_user_model.objects.create_superuser("scheme_admin", password="pw")
    draft = domain.copy_scheme(SchemeVersion.objects.get(code="hubei-style"), "province-15", admin)
    data = data_of(draft)
    data["name"] = "某省项目支出绩效自评（执行15分）"
    data["execution"]["points"] = "15"
    data["categories"][0]["points"] = "85"
    domain.save_draft(draft, data, admin, draft.revision)
    domain.publish(draft, [{"region": "湖北", "from_year": 2023, "to_year": None, "kind": "project"}], admin)
    fifteen = check("15", "7.5", "95", rest=85)
    assert form_scheme(fifteen.extraction, scheme_book())[0].code == "province-15"
    assert "score.execution" not in {f.code for f in fifteen.findings}  # 15 × 50 % = 7.5
    assert [f.message for f in fifteen.findings if f.code == "report.score_above_execution"] == [
        "预算执行率 50.0%，按评分方案“某省项目支出绩效自评（执行15分）”的权重（执行率 15 分）最高只能得 92.50 分，自评得分却为 95 分"]
    # The MoF form (10 points) still reads as MoF 2020.
    mof = check("10", "5", "96", rest=90)
    assert form_scheme(mof.extraction, scheme_book())[0].code == "mof-2020"


def test_the_overview_shows_each_grade_consequence(client, source_evaluations, finance_officer):
    client.force_login(finance_officer)
    page = client.get("/evaluations/").content.decode()
    row = re.search(r"<tr><td class=\"label\">岳阳市科学技术协会</td>.*?</tr>", page, re.S).group(0)
    assert ">优<" in row  # 98.00 under Hunan 2017
    assert 'data-testid="consequence">优先保障，下年度预算优先安排<' in row
