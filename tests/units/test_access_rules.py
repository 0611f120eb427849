"""Who may see and change which unit: a role covers its unit and everything below."""


def test_a_role_on_the_city_covers_its_sub_units(units, yueyang_filler):
    assert yueyang_filler.has_perm("units.view_unit", units["yueyang"])
    assert yueyang_filler.has_perm("units.change_unit_data", units["yueyang_museum"])


def test_a_role_does_not_reach_up_or_sideways(units, donghai_filler):
    assert donghai_filler.has_perm("units.change_unit_data", units["donghai"])
    assert not donghai_filler.has_perm("units.view_unit", units["guanyun"])
    assert not donghai_filler.has_perm("units.view_unit", units["lianyungang"])
    assert not donghai_filler.has_perm("units.view_unit", units["yueyang_office"])


def test_the_finance_bureau_reads_but_does_not_change(units, finance_officer):
    assert finance_officer.has_perm("units.view_unit", units["yueyang_centre"])
    assert not finance_officer.has_perm("units.change_unit_data", units["yueyang_centre"])
    assert finance_officer.has_perm("units.finance_review_unit", units["yueyang"])


def test_a_judge_role_opens_no_unit_data(units, lianyungang_judge):
    assert not lianyungang_judge.has_perm("units.view_unit", units["donghai"])


def test_an_outsider_sees_nothing(units, outsider):
    assert not outsider.has_perm("units.view_unit", units["yueyang"])


def test_moving_a_unit_moves_its_subtree(units):
    museum = units["yueyang_museum"]
    museum.parent = units["lishui"]
    museum.save()
    museum.refresh_from_db()
    assert museum.is_within(units["lishui"])
    assert not museum.is_within(units["yueyang"])
