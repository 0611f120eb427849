"""Every scoring-scheme URL: anonymous visitors go to the login page, people without a finance-bureau
role are refused (404, nothing changes), a finance bureau is served."""

import io

import pytest

from jixiao.scoring.models import SchemeStatus, SchemeVersion

pytestmark = pytest.mark.django_db

GETS = ["/scoring/", "/scoring/mof-2020/", "/scoring/mof-2020/preview/", "/scoring/mof-2020/export/"]


def _posts(draft_code):
    return [
        ("/scoring/mof-2020/copy/", {"code": "stolen", "as": "scheme"}),
        (f"/scoring/{draft_code}/edit/", {"name": "改名", "revision": "0"}),
        (f"/scoring/{draft_code}/publish/", {"region": "湖南", "from_year": "2030", "kind": ""}),
        ("/scoring/import/", {"file": io.BytesIO(b"{}")}),
    ]


@pytest.fixture
def draft(finance_officer, client):
    client.force_login(finance_officer)
    client.post("/scoring/hubei-style/copy/", {"code": "draft-for-access", "as": "scheme"})
    client.logout()
    return SchemeVersion.objects.get(code="draft-for-access")


def _unchanged(draft):
    stored = SchemeVersion.objects.get(pk=draft.pk)
    assert (stored.name, stored.status, stored.revision) == (draft.name, SchemeStatus.DRAFT, draft.revision)
    assert not SchemeVersion.objects.filter(code="stolen").exists()


def test_anonymous_is_sent_to_login(client, draft):
    for url in [*GETS, f"/scoring/{draft.code}/edit/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    for url, data in _posts(draft.code):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    _unchanged(draft)


@pytest.mark.parametrize("persona", ["yueyang_filler", "yueyang_reviewer", "yueyang_admin", "lianyungang_office",
                                     "lianyungang_judge", "outsider"])
def test_other_roles_are_refused(persona, request, client, draft):
    client.force_login(request.getfixturevalue(persona))
    for url in [*GETS, f"/scoring/{draft.code}/edit/", f"/scoring/{draft.code}/"]:
        assert client.get(url).status_code == 404, (persona, url)
    for url, data in _posts(draft.code):
        assert client.post(url, data).status_code == 404, (persona, url)
    _unchanged(draft)
    # Nor is the scheme button shown on their overview.
    assert "/scoring/" not in client.get("/evaluations/").content.decode()


def test_a_finance_bureau_is_served(client, finance_officer, draft):
    client.force_login(finance_officer)
    for url in [*GETS, f"/scoring/{draft.code}/edit/", f"/scoring/{draft.code}/"]:
        assert client.get(url).status_code == 200, url
    assert 'href="/scoring/"' in client.get("/evaluations/").content.decode()
