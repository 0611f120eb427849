"""The header's links by role and the breadcrumb trail of each page (jixiao.navigation), as the HTML carries them."""

import re

from jixiao.accounts.lines import LINES, help_for
from jixiao.goals.models import Goal


def nav_labels(html):
    nav = re.search(r'<nav aria-label="主导航">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<>]+)</a>", nav)


def crumbs(html):
    trail = re.search(r'<nav class="crumbs" aria-label="当前位置">(.*?)</nav>', html, re.S).group(1)
    return [text for text in re.findall(r">([^<>›]+)<", trail) if text.strip()]


def test_a_judge_sees_the_assessment_only(client_for, lianyungang_judge):
    html = client_for(lianyungang_judge).get("/").content.decode()
    assert nav_labels(html) == ["首页", "目标考核"]


def test_a_filler_sees_the_unit_work_and_the_current_link_is_marked(client_for, yueyang_filler):
    html = client_for(yueyang_filler).get("/goals/monitoring/").content.decode()
    assert nav_labels(html) == ["首页", "检查发现", "绩效目标与自评", "监控红绿灯", "自评总览", "目标考核", "报告体检"]
    assert re.search(r'<a href="/goals/monitoring/" aria-current="page">监控红绿灯</a>', html)
    assert crumbs(html) == ["首页", "绩效目标与自评", "监控红绿灯"]


def test_the_accounts_and_goal_pages_name_their_place(client_for, yueyang_filler, yueyang_evaluation, units):
    client = client_for(yueyang_filler)
    yueyang = units["yueyang"]
    assert crumbs(client.get(f"/accounts/{yueyang.pk}/2017/").content.decode()) == ["首页", "岳阳市科协", "2017年度收支决算"]
    goal = yueyang_evaluation.goal
    html = client.get(f"/goals/{yueyang.pk}/2017/{goal.pk}/history/").content.decode()
    assert crumbs(html) == ["首页", "绩效目标与自评", "岳阳市科协 2017年度目标", goal.name, "修改记录"]
    # Every crumb but the page itself is a link.
    assert html.count('aria-current="page">修改记录</span>') == 1


def test_a_refused_page_names_nothing_of_what_it_refused(client_for, donghai_filler, units):
    goal = Goal.objects.filter(unit_year__unit=units["yueyang"]).first()
    response = client_for(donghai_filler).get(f"/goals/{units['yueyang'].pk}/{goal.unit_year.fiscal_year}/{goal.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert crumbs(html) == ["首页"]
    assert "岳阳" not in html and goal.name not in html


def test_every_accounts_line_explains_what_goes_in(client_for, yueyang_filler, units):
    html = client_for(yueyang_filler).get(f"/accounts/{units['yueyang'].pk}/2017/").content.decode()
    for line in LINES:
        assert help_for(line.code) in html, line.label
    assert help_for("income_total").startswith("= 上年结转 + 财政拨款收入")
