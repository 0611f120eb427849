"""The cross-unit findings list: Chinese names, filters by unit, year, severity and status, pages, Excel for the unit,
and answers (情况说明) given where a finding is shown, with the person's name."""

import io
import re

from django.urls import reverse
from openpyxl import load_workbook

from jixiao.checks.models import Finding, FindingStatus
from jixiao.goals import checks as goal_checks
from tests.page_text import by_testid, text, tree


def rows(page) -> list[list[str]]:
    return [[text(cell) for cell in row.xpath("./td")] for row in tree(page).xpath('//table[@id="finding-list"]/tbody/tr')]


def many_findings(unit, count):
    Finding.objects.bulk_create([
        Finding(unit=unit, fiscal_year=2017, area="goals", rule_code="target.vague", key=f"test:{n}", severity="warning",
                message=f"测试发现 {n}") for n in range(count)])


def test_no_raw_area_word_and_the_answer_page_is_linked(client_for, finance_officer, units):
    page = client_for(finance_officer).get(reverse("checks:list"))
    listed = rows(page)
    assert listed
    areas = {row[2] for row in listed}
    assert areas <= {"收支数据", "绩效目标", "绩效自评", "报告体检", "目标考核", "正式文书", "其他"}
    assert not re.search(r"\b(goals|accounts|evaluations|healthcheck)\b", text(tree(page).xpath("//main")[0]))


def test_filters_by_unit_year_severity_and_status(client_for, finance_officer, units):
    client = client_for(finance_officer)
    office = units["yueyang_office"]
    Finding.objects.create(unit=office, fiscal_year=2017, area="accounts", rule_code="sum.parts", key="t:1",
                           severity="error", message="科协机关的测试错误")
    Finding.objects.create(unit=office, fiscal_year=2016, area="accounts", rule_code="sum.parts", key="t:2",
                           severity="warning", message="上一年的测试警告", status=FindingStatus.EXPLAINED, explanation="已核对")
    listed = rows(client.get(reverse("checks:list"), {"unit": office.pk}))
    assert {row[0] for row in listed} == {"科协机关"}
    assert sorted(row[5] for row in listed) == ["上一年的测试警告", "科协机关的测试错误"]
    listed = rows(client.get(reverse("checks:list"), {"unit": office.pk, "severity": "error", "year": "2017"}))
    assert [(row[1], row[3], row[5]) for row in listed] == [("2017", "错误", "科协机关的测试错误")]
    listed = rows(client.get(reverse("checks:list"), {"unit": office.pk, "status": "explained", "year": "2016"}))
    assert [row[5] for row in listed] == ["上一年的测试警告"]
    assert rows(client.get(reverse("checks:list"), {"unit": office.pk, "severity": "hint"})) == [
        ["没有符合条件的检查发现。"]]


def test_a_unit_outside_the_persons_roles_is_not_a_filter(client_for, finance_officer, units):
    page = client_for(finance_officer).get(reverse("checks:list"), {"unit": units["lishui"].pk})
    assert {row[0] for row in rows(page)} <= {"岳阳市科学技术协会", "科协机关", "科技活动管理中心", "科技馆"}


def test_fifty_a_page_and_the_next_page_keeps_the_filters(client_for, finance_officer, units):
    many_findings(units["yueyang_centre"], 60)
    client = client_for(finance_officer)
    first = client.get(reverse("checks:list"), {"unit": units["yueyang_centre"].pk})
    assert len(rows(first)) == 50
    assert by_testid(first, "count") == ["共 60 条，第 1 / 2 页。"]
    next_link = tree(first).xpath('//nav[@class="pager"]//a')[-1].get("href")
    second = client.get(reverse("checks:list") + next_link)
    assert len(rows(second)) == 10 and {row[0] for row in rows(second)} == {"科技活动管理中心"}


def test_excel_for_the_unit(client_for, finance_officer, units):
    many_findings(units["yueyang_museum"], 3)
    response = client_for(finance_officer).get(reverse("checks:list"), {"unit": units["yueyang_museum"].pk, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "%E7%A7%91%E6%8A%80%E9%A6%86" in response["Content-Disposition"]  # 科技馆
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "科技馆 全部年度 检查发现"
    assert values[1] == ["单位", "年度", "类别", "严重程度", "状态", "说明", "修改建议", "情况说明", "说明人"]
    assert [row[5] for row in values[2:]] == ["测试发现 0", "测试发现 1", "测试发现 2"]
    assert {row[2] for row in values[2:]} == {"绩效目标"}


def test_a_goal_finding_is_explained_on_the_goal_page_with_the_persons_name(client_for, yueyang_filler,
                                                                            yueyang_evaluation):
    yueyang_filler.first_name = "岳阳填报人"
    yueyang_filler.save()
    goal = yueyang_evaluation.goal
    finding = Finding.objects.filter(unit=goal.unit_year.unit, fiscal_year=2017, area=goal_checks.AREA).exclude(
        status=FindingStatus.RESOLVED).filter(key__contains=f"goal:{goal.pk}").first()
    client = client_for(yueyang_filler)
    page_url = reverse("goals:goal", args=[goal.unit_year.unit_id, 2017, goal.pk])
    form = tree(client.get(page_url)).xpath(f'//*[@id="finding-{finding.pk}"]//form')[0]
    assert form.get("action") == reverse("checks:explain", args=[finding.pk])
    client.post(form.get("action"), {"explanation": "场次按全年活动台账统计", "next": page_url})
    shown = by_testid(client.get(page_url), "explanation")
    assert len(shown) == 1
    assert shown[0].startswith("情况说明：场次按全年活动台账统计 （岳阳填报人，")
    assert "yueyang_filler" not in shown[0]
