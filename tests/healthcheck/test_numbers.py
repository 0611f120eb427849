"""The number reader on the forms the source documents use."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.healthcheck.numbers import _read, read_numbers

D = Decimal


def one(text):
    found = read_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "exact"),
    [
        ("收入合计1,086.91万元", D("1086.91"), "万元", "", True),
        ("宣传册1.3万册", D("1.3"), "万册", "", True),
        ("受益群众超1200万人次", D("1200"), "万人次", "超", False),
        ("受益群众超 1200 万人次", D("1200"), "万人次", "超", False),
        ("转发权威科普信息90多万次", D("90"), "万次", "多", False),
        ("科普讲座200余场次", D("200"), "场次", "余", False),
        ("专家学者近800人参加", D("800"), "人", "近", False),
        ("6.9万名信息员", D("6.9"), "万名", "", True),
        ("项目内容完成率为70％以上", D("70"), "%", "以上", False),
        ("预算执行率96.96%", D("96.96"), "%", "", True),
        ("实现节支增效9600余万元", D("9600"), "万元", "余", False),
        ("会员3万余人", D("3"), "万人", "余", False),
        ("本年结余2.4万元", D("2.4"), "万元", "", True),
        ("邀请60名以上院士", D("60"), "名", "以上", False),
        ("举办科普报告4场次", D("4"), "场次", "", True),
        ("全年推送手机科普短信130万条次", D("130"), "万条次", "", True),
    ],
)
def test_number_forms(text, value, unit, qualifier, exact):
    quantity = one(text)
    assert (quantity.value, quantity.unit, quantity.qualifier, quantity.exact) == (value, unit, qualifier, exact)
    assert text[quantity.start : quantity.end] == quantity.text


def test_chinese_numeral_range():
    quantity = one("召开会员大会一至二次")
    assert (quantity.value, quantity.high, quantity.unit, quantity.qualifier) == (D(1), D(2), "次", "range")
    assert not quantity.exact


def test_vague_range_with_bound_keeps_both():
    quantity = one("举办主题科普活动不低于5－10场次；")
    assert (quantity.value, quantity.high, quantity.unit, quantity.bound) == (D(5), D(10), "场次", "不低于")
    assert quantity.is_range and quantity.approximate and not quantity.exact
    assert quantity.text == "不低于5－10场次"


def test_approximate_never_exact():
    for text in ["超1200万人次", "90多万次", "200余场次", "近800人", "一至二次", "70%以上", "约2500万条"]:
        assert not one(text).exact, text


def test_scaled_values():
    assert one("1.3万册").scaled == D("13000.0")
    assert one("6.9万名").base_unit == "名"
    assert one("2.6万元").wan_yuan == D("2.6")
    assert one("5000元").wan_yuan == D("0.5")


def test_ordinals_and_words_are_not_counts():
    assert read_numbers("第34届青少年科技创新大赛") == []
    assert read_numbers("一岗双责，三公经费") == []


def test_several_numbers_in_a_sentence():
    found = read_numbers("2022年预算安排155万元，年末实际支出106.13万元，其中，资助市本级财政单位项目及转移支付经费60.2万元")
    assert [(q.value, q.unit) for q in found] == [
        (D(2022), "年"),
        (D(155), "万元"),
        (D("106.13"), "万元"),
        (D("60.2"), "万元"),
    ]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789,.%－-~至超多余近约万亿元人次场一二两十百千零〇第以上不低于 \n\t，。") | st.characters(), max_size=80))
def test_reader_never_raises(text):
    # The inner reader, not the guarded entry point: a bug must show here, not be swallowed.
    for quantity in _read(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text
