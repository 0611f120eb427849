"""The county's result page names every item beside its number, as the scheme words it."""

from jixiao.assessment import rounds
from tests.page_text import text, tree


def test_each_item_is_listed_with_its_number_and_name(closed_round, lianyungang_office, donghai_filler, client_for, units):
    rounds.publish_round(closed_round, lianyungang_office, 2)
    page = client_for(donghai_filler).get(f"/assessment/rounds/{closed_round.pk}/units/{units['donghai'].pk}/result/")
    listed = [[text(cell) for cell in row.xpath("./td")] for row in tree(page).xpath('//table[@id="county-items"]//tr[td]')]
    items = list(closed_round.scheme.items.order_by("number"))
    assert [(row[0], row[1]) for row in listed] == [(str(item.number), item.content) for item in items]
    assert all(row[1] for row in listed)
