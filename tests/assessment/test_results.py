"""The office closes scoring, reviews (bonus, routine work, veto), publishes; reopening needs a reason and is
logged; each county sees its own result explained, without judges' names."""

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from jixiao.assessment import rounds
from jixiao.assessment.models import BonusAward, ItemScore, Result, RoundStatus
from jixiao.assessment.scoring import save_score
from tests.assessment.conftest import score_all


def url(round_, suffix=""):
    return f"/assessment/rounds/{round_.pk}/{suffix}"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_ranking_follows_the_hand_worked_scores(closed_round, units):
    outcome = rounds.compute(closed_round)

    # Donghai: 40% × 98 + 30% × 97 + 30% × 99 = 98.00; Guanyun (own judge excluded, 县区科协组 re-weighted away):
    # (40 × 96 + 30 × 96) / 70 = 96.00; Guannan: 39.6 + 29.4 + 29.4 = 98.40 …
    finals = {outcome.units[entry.unit_id].display_name: (entry.rank, entry.final) for entry in outcome.ranked}
    assert finals == {
        "灌南县": (1, Decimal("98.40")), "东海县": (2, Decimal("98.00")), "海州区": (3, Decimal("97.00")),
        "灌云县": (4, Decimal("96.00")), "赣榆区": (5, Decimal("94.00")), "连云区": (6, Decimal("91.10")),
    }
    assert outcome.result(units["guanyun"].pk).notes == ["县区科协组无有效评分，按其余评委组权重重新折算"]


def test_closing_reopening_and_publishing_are_logged_and_reopening_needs_a_reason(
    closed_round, city_judge, lianyungang_office, client_for, units
):
    office = client_for(lianyungang_office)

    refused = office.post(url(closed_round, "status/"), {"action": "reopen", "reason": ""}, follow=True)
    assert messages_of(refused)[-1] == "重新开放评分须填写原因"
    office.post(url(closed_round, "status/"), {"action": "reopen", "reason": "东海县第5项评分录入有误"})
    closed_round.refresh_from_db()
    assert closed_round.status == RoundStatus.SCORING

    item_5 = closed_round.scheme.items.get(number=5)
    save_score(city_judge, units["donghai"], item_5, "2.5")
    office.post(url(closed_round, "status/"), {"action": "close"})
    office.post(url(closed_round, "status/"), {"action": "publish", "advanced_count": "2"})

    events = [(event.get_kind_display(), event.reason) for event in closed_round.events.all()]
    assert events == [
        ("开始填报", ""), ("开始现场评审", ""), ("关闭评分", ""), ("重新开放评分", "东海县第5项评分录入有误"),
        ("关闭评分", ""), ("公布结果", "先进单位名额 2"),
    ]
    # The change after reopening is in the score's history: who, old and new.
    history = ItemScore.history.filter(judge_id=city_judge.pk, unit_id=units["donghai"].pk, item_id=item_5.pk).order_by("history_date")
    assert [record.score for record in history] == [Decimal(3), Decimal("2.5")]


def test_the_office_cannot_publish_while_a_county_has_no_complete_score(scoring_round, city_judge, lianyungang_office, units):
    score_all(city_judge, units["donghai"], lambda item: item.points)
    rounds.close_round(scoring_round, lianyungang_office)

    with pytest.raises(rounds.RoundRefused) as refused:
        rounds.publish_round(scoring_round, lianyungang_office, 2)

    assert str(refused.value).startswith("得分尚不完整，不能公布：灌云县（尚无评委评完全部项目）、灌南县（尚无评委评完全部项目）")


def test_bonus_points_need_evidence_and_stay_within_the_items_cap(closed_round, lianyungang_office, client_for, units):
    office = client_for(lianyungang_office)
    bonus_3 = closed_round.scheme.bonus_items.get(number=3)
    adjust = url(closed_round, f"results/{units['haizhou'].pk}/adjust/")

    over_cap = office.post(adjust, {"what": "bonus", "bonus_item": bonus_3.pk, "points": "3", "evidence": "信息被中国科协网站采用"}, follow=True)
    no_evidence = office.post(adjust, {"what": "bonus", "bonus_item": bonus_3.pk, "points": "1"}, follow=True)
    office.post(adjust, {"what": "bonus", "bonus_item": bonus_3.pk, "points": "1.5", "evidence": "信息被中国科协网站采用"})
    office.post(adjust, {"what": "bonus", "bonus_item": bonus_3.pk, "points": "1.5", "evidence": "江苏公众科技网站大字头条采用"})

    assert messages_of(over_cap)[-1] == "加分未记录：该加分项目最高 2 分"
    assert messages_of(no_evidence)[-1].startswith("加分未记录：")
    assert BonusAward.objects.count() == 2
    result = rounds.compute(closed_round).result(units["haizhou"].pk)
    # 1.5 + 1.5 = 3 claimed on bonus item 3, capped at its 2 points: Haizhou 97.00 + 2 = 99.00, now first.
    assert (result.bonus, result.final) == (Decimal(2), Decimal("99.00"))


def test_a_veto_with_its_reason_and_meeting_removes_the_county_from_ranking_and_commendation(
    closed_round, lianyungang_office, client_for, units
):
    office = client_for(lianyungang_office)
    office.post(url(closed_round, f"results/{units['guannan'].pk}/adjust/"), {
        "what": "veto", "reason": "年内发生重大安全事故", "meeting": "市科协主席办公会（2019年1月15日）",
    })
    office.post(url(closed_round, "status/"), {"action": "publish", "advanced_count": "2"})

    published = {result.unit.display_name: (result.rank, result.advanced, result.vetoed) for result in Result.objects.select_related("unit")}
    assert published["灌南县"] == (None, False, True)
    assert published["东海县"] == (1, True, False)
    assert published["海州区"] == (2, True, False)
    assert Result.objects.get(unit=units["guannan"]).explanation["veto"] == {
        "reason": "年内发生重大安全事故", "meeting": "市科协主席办公会（2019年1月15日）",
    }


def test_the_county_sees_its_result_only_once_published_and_never_a_judges_name(
    closed_round, city_judge, department_judge, guanyun_judge, lianyungang_office, donghai_filler, client_for, units
):
    city_judge.user.first_name = "王市领导"
    city_judge.user.save()
    county = client_for(donghai_filler)
    before = county.get(url(closed_round, f"units/{units['donghai'].pk}/result/"))
    assert before.context["published"] is False
    assert "考核结果尚未公布" in before.content.decode()

    rounds.publish_round(closed_round, lianyungang_office, 2)
    page = county.get(url(closed_round, f"units/{units['donghai'].pk}/result/"))
    sheet = county.get(url(closed_round, f"units/{units['donghai'].pk}/sheet.docx"))

    text = page.content.decode()
    assert page.context["explained"]["final"] == "98.00"
    assert "名次 第2名" in text and "先进单位" in text
    sheet_text = "\n".join(cell.text for table in Document(io.BytesIO(sheet.content)).tables for row in table.rows for cell in row.cells)
    for name in ("王市领导", "机关评委李四", "灌云评委张三", "lianyungang_judge", "department_judge", "guanyun_judge"):
        assert name not in text
        assert name not in sheet_text
    assert "评委1 98" in text
    # Another county's result and score sheet stay closed to Donghai.
    assert county.get(url(closed_round, f"units/{units['guanyun'].pk}/result/")).status_code == 404
    assert county.get(url(closed_round, f"units/{units['guanyun'].pk}/sheet.docx")).status_code == 404
    # The office's explanation, with judges' names, is the office's alone.
    assert county.get(url(closed_round, f"results/{units['donghai'].pk}/")).status_code == 404
    office_page = client_for(lianyungang_office).get(url(closed_round, f"results/{units['donghai'].pk}/"))
    assert "王市领导" in office_page.content.decode()


def test_the_explanation_goes_down_to_each_judges_item_scores(closed_round, lianyungang_office, client_for, units):
    explained = client_for(lianyungang_office).get(url(closed_round, f"results/{units['donghai'].pk}/")).context["explained"]

    leaders = explained["groups"][0]
    assert (leaders["name"], leaders["score"], leaders["judges"][0]["label"], leaders["judges"][0]["total"]) == ("市科协领导", "98.00", "lianyungang_judge", "98")
    assert leaders["judges"][0]["items"][19] == "9"
    assert [group["score"] for group in explained["groups"]] == ["98.00", "97.00", "99.00"]
    assert explained["final"] == "98.00"


def test_the_ranking_xlsx_and_the_notice_docx_read_the_published_figures(closed_round, lianyungang_office, donghai_filler, client_for):
    rounds.publish_round(closed_round, lianyungang_office, 2)
    office = client_for(lianyungang_office)

    sheet = load_workbook(io.BytesIO(office.get(url(closed_round, "ranking.xlsx")).content)).active
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert rows[1] == ("名次", "单位", "市科协领导组", "机关各部门组", "县区科协组", "评委评分", "平时工作", "加分", "总得分", "备注")
    assert rows[2] == (1, "灌南县科学技术协会", 99.0, 98.0, 98.0, 98.4, "—", 0, 98.4, "先进单位")

    notice = Document(io.BytesIO(client_for(donghai_filler).get(url(closed_round, "notice.docx")).content))
    paragraphs = [paragraph.text.replace("\n", "") for paragraph in notice.paragraphs]
    assert "关于2018年度县（区）科协工作目标考核结果的通报" in paragraphs
    assert "灌南县科学技术协会、东海县科学技术协会。" in paragraphs
    assert [cell.text for cell in notice.tables[0].rows[1].cells] == ["1", "灌南县科学技术协会", "98.40", "先进单位"]
    # A red-header document on A4 (GB/T 9704): 版头 in red with the 发文字号 above a red line, 版记 at the end.
    section = notice.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.top_margin.cm, 1) == 3.7 and round(section.left_margin.cm, 1) == 2.8
    masthead = notice.paragraphs[0]
    assert masthead.text == "连云港市科学技术协会文件"
    assert all(str(run.font.color.rgb) == "E60012" for run in masthead.runs)
    number = notice.paragraphs[1]
    assert re.fullmatch(r"连科协〔\d{4}〕　号", number.text)
    assert 'w:color="E60012"' in number._p.xml and "<w:bottom" in number._p.xml
    colophon = notice.paragraphs[-1]
    assert colophon.text.startswith("连云港市科学技术协会办公室\t") and colophon.text.endswith("印发")
    assert "<w:top" in colophon._p.xml and "<w:bottom" in colophon._p.xml
    for footer in (section.footer, section.even_page_footer):
        assert "PAGE" in footer._element.xml and footer.paragraphs[0].text.startswith("— ")


def test_nothing_is_published_to_counties_before_publishing(closed_round, donghai_filler, client_for):
    assert client_for(donghai_filler).get(url(closed_round, "notice.docx")).status_code == 404
