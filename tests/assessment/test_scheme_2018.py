"""Lianyungang's 2018 scheme is typed in exactly as the document states it."""

from decimal import Decimal
from pathlib import Path

from jixiao.assessment.domain.scheme import AttributeUnknown, applicable_threshold, describe_threshold
from jixiao.assessment.schemes import threshold_specs
from jixiao.sources import lianyungang_2018

DOCUMENT = (Path(lianyungang_2018.__file__).parent / "documents" / "004_ec5181be93802e64.txt").read_text()


def test_every_item_and_bonus_text_is_the_documents_own_words():
    assert len(lianyungang_2018.ITEMS) == 23
    for entry in lianyungang_2018.ITEMS:
        assert entry["content"] in DOCUMENT, entry["number"]
        assert f"\n\t{entry['number']}\n\t{entry['content']}\n\t{entry['points']}分" in DOCUMENT
    for number, content, cap in lianyungang_2018.BONUS_ITEMS:
        assert f"\n\t{number}\n\t{content}\n\t最高\n\n{cap}分" in DOCUMENT
    assert lianyungang_2018.DOCUMENT_NUMBER in DOCUMENT


def test_the_scheme_holds_23_items_three_bonus_items_and_three_judge_groups(draft_2018):
    assert [(c.name, c.points) for c in draft_2018.categories.all()] == [
        ("为科技工作者服务", Decimal(13)), ("为创新驱动发展服务", Decimal(28)), ("为提高全民科学素质服务", Decimal(26)),
        ("为党和政府科学决策服务", Decimal(7)), ("加强自身建设", Decimal(26)),
    ]
    assert draft_2018.items.count() == 23
    assert [b.cap for b in draft_2018.bonus_items.all()] == [Decimal(4), Decimal(4), Decimal(2)]
    assert [(g.name, g.weight) for g in draft_2018.judge_groups.all()] == [
        ("市科协领导", Decimal(40)), ("机关各部门", Decimal(30)), ("县区科协", Decimal(30)),
    ]
    assert (draft_2018.document_number, draft_2018.base_points, draft_2018.bonus_cap) == ("连科协〔2018〕32号", Decimal(100), Decimal(10))
    assert (draft_2018.presentation_minutes, draft_2018.questions_minutes) == (15, 5)


def thresholds_by_county(scheme, county_units, measure_code, attributes=None):
    measure = next(m for item in scheme.items.all() for m in item.measures.all() if m.code == measure_code)
    specs = threshold_specs(measure)
    shown = {}
    for name, key in lianyungang_2018.COUNTIES.items():
        threshold = applicable_threshold(specs, county_units[key].pk, (attributes or {}).get(key, {}))
        if threshold is None or isinstance(threshold, AttributeUnknown):
            shown[name] = threshold
        else:
            shown[name] = describe_threshold(threshold, measure.unit_label)
    return shown


def test_item_5_asks_six_exchanges_of_four_counties_and_four_of_haizhou_and_lianyun(draft_2018, county_units):
    assert thresholds_by_county(draft_2018, county_units, "academic_exchanges") == {
        "东海县": "不少于6场次", "灌云县": "不少于6场次", "灌南县": "不少于6场次", "赣榆区": "不少于6场次",
        "海州区": "不少于4场次", "连云区": "不少于4场次",
    }


def test_item_7_sets_information_pushes_per_county_and_five_typical_cases_for_all(draft_2018, county_units):
    assert thresholds_by_county(draft_2018, county_units, "information_pushes") == {
        "东海县": "不少于10家", "灌云县": "不少于10家", "灌南县": "不少于10家", "赣榆区": "不少于10家",
        "海州区": "不少于8家", "连云区": "不少于6家",
    }
    assert set(thresholds_by_county(draft_2018, county_units, "typical_cases").values()) == {"不少于5家"}


def test_item_8_names_no_family_farm_for_lianyun(draft_2018, county_units):
    assert thresholds_by_county(draft_2018, county_units, "family_farms") == {
        "东海县": "不少于2家", "灌云县": "不少于2家", "灌南县": "不少于2家", "赣榆区": "不少于2家",
        "海州区": "不少于2家", "连云区": None,
    }


def test_item_10_holds_five_measures(draft_2018):
    item = draft_2018.items.get(number=10)
    assert [(m.name, describe_threshold(threshold_specs(m)[0], m.unit_label)) for m in item.measures.all()] == [
        ("科企联盟三库入库项目", "不少于60项"), ("其中：专家库", "不少于10项"), ("其中：成果库", "不少于30项"),
        ("其中：需求库", "不少于20项"), ("海智三库入库项目", "不少于15项"),
    ]


def test_item_14_depends_on_whether_the_county_has_a_science_caravan(draft_2018, county_units):
    attributes = {"donghai": {"has_science_caravan": True}, "guanyun": {"has_science_caravan": False}}
    shown = thresholds_by_county(draft_2018, county_units, "grassroots_events", attributes)

    assert shown["东海县"] == "不少于30场次"
    assert shown["灌云县"] == "不少于12场次"
    # The document does not say which counties have one: until the office records it, the threshold is open.
    assert shown["灌南县"] == AttributeUnknown("has_science_caravan")


def test_item_11_asks_one_to_two_meetings(draft_2018):
    measure = draft_2018.items.get(number=11).measures.get()
    assert describe_threshold(threshold_specs(measure)[0], measure.unit_label) == "1–2次"
