"""The assessment's front page: what the person runs, reports for, or judges."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jixiao.assessment.models import RoundStatus
from jixiao.assessment.queries import county_places, judge_rounds, office_schemes


def involvement(user) -> dict:
    return {
        "schemes": list(office_schemes(user)),
        "places": county_places(user),
        "judged": judge_rounds(user),
    }


@login_required
def index(request):
    return render(request, "assessment/index.html", {**involvement(request.user), "RoundStatus": RoundStatus})


def home_panel(user):
    """The home page's panel: only for people involved in an assessment."""
    context = involvement(user)
    if not (context["schemes"] or context["places"] or context["judged"]):
        return None
    return {"template": "assessment/home_panel.html", **context}
