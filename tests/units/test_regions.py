"""A unit's region, read from its chain of associations: one answer for scoring schemes, monitoring schemes and frameworks."""

from jixiao.units.regions import place_names, place_names_of, region_names, region_of_name, with_short_forms


def test_an_association_or_a_finance_bureau_is_named_after_its_region():
    assert region_of_name("岳阳市科学技术协会") == "岳阳市"
    assert region_of_name("东海县科协") == "东海县"
    assert region_of_name("湖北省财政厅") == "湖北省"
    assert region_of_name("内蒙古自治区科学技术协会") == "内蒙古自治区"
    assert region_of_name("科技馆") == ""


def test_a_sub_unit_lies_in_its_associations_regions_written_both_ways(units):
    assert region_names(units["yueyang_museum"]) == ["岳阳市", "湖南省"]
    assert place_names(units["yueyang_museum"]) == ["岳阳市", "岳阳", "湖南省", "湖南"]
    assert with_short_forms(["内蒙古自治区", "东海县"]) == ["内蒙古自治区", "内蒙古", "东海县", "东海"]


def test_the_place_names_of_many_units_take_one_query(units, django_assert_num_queries):
    chosen = [units[key] for key in ("yueyang", "yueyang_museum", "donghai", "lishui", "jiangmen")]
    with django_assert_num_queries(1):
        found = place_names_of(chosen)
    assert found[units["donghai"].pk] == ["东海县", "东海", "连云港市", "连云港", "江苏省", "江苏"]
    assert found[units["lishui"].pk] == ["丽水市", "丽水", "浙江省", "浙江"]
