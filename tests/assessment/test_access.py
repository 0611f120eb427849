"""Every URL of the assessment refuses people it is not for: anonymous visitors go to the login page; a logged-in
person without a role, a county for another county or for the office's pages, and a judge for the office's pages
get 404; refused POSTs change nothing."""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from jixiao.assessment import submissions
from jixiao.assessment.models import ConflictDeclaration, Evidence

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def state(scoring_round, units, donghai_filler):
    """A round in on-site scoring, with Donghai's evidence file and presentation."""
    from jixiao.assessment.models import RoundStatus

    scoring_round.status = RoundStatus.COLLECTING
    scoring_round.save()
    submission = submissions.submission_for(scoring_round, units["donghai"])
    submissions.add_evidence(submission, donghai_filler, scoring_round.scheme.items.first(), SimpleUploadedFile("台账.pdf", PDF))
    submissions.set_presentation(submission, SimpleUploadedFile("汇报.pdf", PDF), 10_000)
    scoring_round.status = RoundStatus.SCORING
    scoring_round.save()
    # Another judge's conflict declaration: nobody but that judge may withdraw it.
    other_judge = scoring_round.judges.exclude(user__username="lianyungang_judge").first()
    conflict = ConflictDeclaration.objects.create(judge=other_judge, unit=units["guanyun"], reason="曾在灌云县科协任职")
    return {
        "conflict_id": conflict.pk,
        "scheme_id": scoring_round.scheme_id,
        "round_id": scoring_round.pk,
        "unit_id": units["donghai"].pk,
        "item_id": scoring_round.scheme.items.first().pk,
        "evidence_id": Evidence.objects.get().pk,
    }


def every_url(state):
    resolver = get_resolver("jixiao.assessment.urls")
    urls = {}
    for pattern in resolver.url_patterns:
        arguments = {name: state[name] for name in pattern.pattern.converters}
        urls[pattern.name] = reverse(f"assessment:{pattern.name}", kwargs=arguments)
    return urls


OFFICE_ONLY = [
    "scheme", "scheme_edit", "scheme_issue", "scheme_new_version", "scheme_copy", "round_open", "round", "round_status",
    "round_judges", "round_attributes", "round_progress", "round_history", "results", "result_explanation", "result_adjust", "fairness",
    "ranking_xlsx", "submission_return",
]
JUDGE_ONLY = ["judge_panel", "declare_conflict", "withdraw_conflict", "score_unit", "score_item"]
COUNTY_EDIT = ["submission_submit", "evidence_upload", "evidence_delete"]


def fingerprint():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_the_access_tables_cover_every_url_of_the_app(state):
    names = set(every_url(state))
    covered = set(OFFICE_ONLY) | set(JUDGE_ONLY) | set(COUNTY_EDIT) | {
        "index", "submission", "presentation", "county_result", "score_sheet_docx", "notice_docx", "evidence",
    }
    assert names == covered


def test_anonymous_visitors_are_sent_to_the_login_page(state, client):
    for name, url in every_url(state).items():
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302 and response["Location"].startswith("/login/"), name


def test_a_person_without_any_role_gets_404_everywhere_and_changes_nothing(state, outsider, client_for):
    client = client_for(outsider)
    before = fingerprint()
    for name, url in every_url(state).items():
        if name == "index":
            page = client.get(url)
            assert page.status_code == 200 and "您没有参与任何目标考核" in page.content.decode()
            continue
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url, {"action": "close", "reason": "x", "summary": "x", "comment": "x"}).status_code == 404, name
    assert fingerprint() == before


def test_a_county_is_refused_the_office_and_judge_pages_and_another_countys_pages(state, guanyun_filler, client_for, units):
    client = client_for(guanyun_filler)
    urls = every_url(state)  # all about Donghai
    before = fingerprint()
    for name in OFFICE_ONLY + JUDGE_ONLY + COUNTY_EDIT + ["submission", "presentation", "county_result", "score_sheet_docx", "evidence"]:
        assert client.get(urls[name]).status_code in (404, 405), name
        assert client.post(urls[name], {"action": "close", "summary": "x"}).status_code == 404, name
    assert fingerprint() == before


def test_a_judge_is_refused_the_offices_pages_and_the_county_changes(state, lianyungang_judge, client_for):
    client = client_for(lianyungang_judge)
    urls = every_url(state)
    before = fingerprint()
    for name in OFFICE_ONLY + COUNTY_EDIT + ["county_result", "score_sheet_docx"]:
        assert client.get(urls[name]).status_code in (404, 405), name
        assert client.post(urls[name], {"action": "close", "summary": "x"}).status_code == 404, name
    assert fingerprint() == before
    # Another judge's conflict declaration stays.
    client.post(urls["withdraw_conflict"])
    assert ConflictDeclaration.objects.filter(pk=state["conflict_id"]).exists()
    # What a judge does see: the county's submission, its evidence and presentation, to score it.
    for name in ("judge_panel", "score_unit", "submission", "evidence", "presentation"):
        assert client.get(urls[name]).status_code == 200, name


def test_a_judge_cannot_read_a_submission_before_on_site_scoring(state, scoring_round, lianyungang_judge, client_for):
    from jixiao.assessment.models import RoundStatus

    scoring_round.status = RoundStatus.COLLECTING
    scoring_round.save()
    urls = every_url(state)
    client = client_for(lianyungang_judge)
    for name in ("submission", "evidence", "presentation"):
        assert client.get(urls[name]).status_code == 404, name


def test_the_office_and_the_county_reach_their_own_pages(state, lianyungang_office, donghai_filler, client_for):
    urls = every_url(state)
    office = client_for(lianyungang_office)
    for name in ["scheme", "scheme_edit", "round", "round_progress", "results", "result_explanation", "fairness", "ranking_xlsx",
                 "submission", "evidence", "presentation", "score_sheet_docx"]:
        assert office.get(urls[name]).status_code in (200, 302), name
    county = client_for(donghai_filler)
    for name in ["index", "submission", "evidence", "presentation", "county_result"]:
        assert county.get(urls[name]).status_code == 200, name
