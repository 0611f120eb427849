"""The 待办 home: what waits for each person, with counts and links, and what they sent and where it stands."""

from django.urls import reverse
from lxml import html

from jixiao.evaluations import domain
from jixiao.evaluations.models import SelfEvaluation, Status
from tests.page_text import by_id, text, tree


def tile(response, key: str) -> str:
    found = tree(response).xpath(f'//*[@id="todo"]//li[@data-task="{key}"]//a')
    assert found, f"no tile {key}"
    return text(found[0])


def test_the_reviewer_sees_one_evaluation_waiting_for_review(client_for, yueyang_reviewer, yueyang_evaluation):
    assert yueyang_evaluation.status == Status.SUBMITTED  # the demo as `make run` loads it
    home = client_for(yueyang_reviewer).get("/")
    assert tile(home, "review") == "待审核 1"
    listed = tree(home).xpath('//*[@id="task-review"]//a')
    goal = yueyang_evaluation.goal
    assert [(text(a), a.get("href")) for a in listed] == [
        ("岳阳市科协 · 2017年度部门整体支出", reverse("goals:goal", args=[goal.unit_year.unit_id, 2017, goal.pk]))]
    # No year is named twice.
    assert "2017年度2017年度" not in home.content.decode()


def test_finance_reaches_its_receipt_in_two_clicks_from_home(client_for, yueyang_reviewer, finance_officer,
                                                             yueyang_evaluation):
    domain.step(yueyang_evaluation, "approve", yueyang_reviewer)
    domain.step(yueyang_evaluation, "send", yueyang_reviewer)
    client = client_for(finance_officer)
    home = client.get("/")
    assert tile(home, "receive") == "待接收 1"
    # Click 1: the evaluation from the home page's list.
    link = tree(home).xpath('//*[@id="task-receive"]//a')[0].get("href")
    page = client.get(link)
    # Click 2: the page's one primary button, at the top, is 财政接收.
    button = tree(page).xpath('//*[@data-testid="state-bar"]//button[@data-testid="next-step"]')
    assert [text(b) for b in button] == ["财政接收"]
    form = button[0].getparent()
    fields = {field.get("name"): field.get("value") for field in form.xpath(".//input")}
    client.post(form.get("action"), fields)
    yueyang_evaluation.refresh_from_db()
    assert yueyang_evaluation.status == Status.ACCEPTED
    assert tile(client.get("/"), "receive") == "待接收 0"


def test_what_i_sent_says_where_it_stands(client_for, yueyang_filler, yueyang_evaluation):
    SelfEvaluation.objects.filter(pk=yueyang_evaluation.pk).update(status=Status.DRAFT)
    client = client_for(yueyang_filler)
    assert tile(client.get("/"), "fill") == "待填报 1"
    domain.step(yueyang_evaluation, "submit", yueyang_filler)
    home = client.get("/")
    assert tile(home, "fill") == "待填报 0"
    assert by_id(home, "task-sent") == "我提交或报送的 岳阳市科协 · 2017年度部门整体支出 现在：待审核"


def test_findings_to_answer_are_counted_and_link_to_their_page(client_for, yueyang_filler, units):
    from jixiao.checks.models import Finding, FindingStatus

    home = client_for(yueyang_filler).get("/")
    open_warnings = Finding.objects.filter(unit__path__startswith=units["yueyang"].path, status=FindingStatus.OPEN).exclude(
        severity="error").count()
    assert open_warnings > 0
    assert tile(home, "answer") == f"待说明 {open_warnings}"
    hrefs = [a.get("href") for a in tree(home).xpath('//*[@id="task-answer"]//a')]
    assert all(href.endswith("#findings") for href in hrefs)


def test_people_without_a_role_there_see_nothing_waiting(client_for, outsider, lianyungang_judge):
    for person in (outsider, lianyungang_judge):
        page = html.fromstring(client_for(person).get("/").content.decode())
        assert page.xpath('//*[@id="todo"]') == []


def test_the_home_reads_in_a_fixed_number_of_queries(client_for, finance_officer, django_assert_max_num_queries):
    client = client_for(finance_officer)
    client.get("/")
    with django_assert_max_num_queries(30):
        client.get("/")
