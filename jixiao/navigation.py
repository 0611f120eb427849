"""The header's links and the breadcrumb trail of every page, from the user's roles and the URL.

One place names every page's trail (by URL name), so that pages need no template of their own for
it and no page is left without one. The trail is computed only when a page shows it (error pages
do not), and it names a unit only for someone who may see that unit.
"""

from dataclasses import dataclass

from django.urls import reverse

from jixiao.accounts.models import UnitYear
from jixiao.assessment.models import Round, Scheme
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals.models import Goal
from jixiao.units.models import RoleKind, Unit

ALL_KINDS = frozenset(RoleKind.values)
UNIT_WORK = frozenset({RoleKind.FILLER, RoleKind.REVIEWER, RoleKind.UNIT_ADMIN, RoleKind.FINANCE_BUREAU})


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    kinds: frozenset = ALL_KINDS


# Judges score on tablets: they see the assessment only, nothing about accounts or goals.
NAV_LINKS = [
    Link("检查发现", "/checks/", UNIT_WORK),
    Link("绩效目标与自评", "/goals/", UNIT_WORK),
    Link("监控红绿灯", "/goals/monitoring/", UNIT_WORK),
    Link("自评总览", "/evaluations/", UNIT_WORK),
    Link("目标考核", "/assessment/", frozenset({RoleKind.ASSESSMENT_OFFICE, RoleKind.JUDGE, RoleKind.FILLER,
                                            RoleKind.REVIEWER, RoleKind.UNIT_ADMIN})),
    Link("报告体检", "/healthcheck/", UNIT_WORK),
]

SECTIONS = {
    "checks": ("检查发现", "/checks/"),
    "goals": ("绩效目标与自评", "/goals/"),
    "evaluations": ("自评总览", "/evaluations/"),
    "assessment": ("目标考核", "/assessment/"),
    "healthcheck": ("报告体检", "/healthcheck/"),
}


def nav_links(user, path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    kinds = ALL_KINDS if user.is_superuser else frozenset(user.roles.values_list("kind", flat=True))
    links = [link for link in NAV_LINKS if link.kinds & kinds]
    # The longest link that starts the path is the current one (/goals/monitoring/ over /goals/).
    current = max((link.url for link in links if path.startswith(link.url)), key=len, default=None)
    return [{"label": link.label, "url": link.url, "current": link.url == current} for link in links]


class Trail:
    """Breadcrumbs built on demand: [(label, url)], the last one the page itself (url None)."""

    def __init__(self, request):
        self.request = request
        self.crumbs: list[tuple[str, str | None]] = []

    def add(self, label, url=None):
        self.crumbs.append((str(label), url))

    def unit(self, unit_id):
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None or not self.request.user.has_perm("units.view_unit", unit):
            return None
        self.add(unit.display_name, reverse("units:detail", args=[unit.pk]))
        return unit

    def goals_of(self, unit_id, year):
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None or not self.request.user.has_perm("units.view_unit", unit):
            return None
        self.add(f"{unit.display_name} {year}年度目标", reverse("goals:unit_year", args=[unit.pk, year]))
        return unit

    def goal(self, unit_id, year, goal_id):
        if self.goals_of(unit_id, year) is None:
            return None
        goal = Goal.objects.filter(pk=goal_id, unit_year__unit_id=unit_id, unit_year__fiscal_year=year).first()
        if goal is not None:
            self.add(goal.name, reverse("goals:goal", args=[unit_id, year, goal.pk]))
        return goal

    def round(self, round_id):
        found = Round.objects.select_related("scheme").filter(pk=round_id).first()
        if found is not None:
            self.add(found.scheme.title, reverse("assessment:round", args=[found.pk]))
        return found


ACCOUNT_PAGES = {"funds": "专项资金", "history": "修改记录", "excel_import": "Excel 导入"}
GOAL_PAGES = {"new_indicator": "新增指标", "qualitative_goal": "定性目标", "team": "评价组成员", "history": "修改记录",
              "monitoring": "执行监控", "step": "流程操作", "add_evidence": "佐证材料"}
ROUND_PAGES = {"round_judges": "评委", "round_attributes": "单位属性", "round_progress": "评分进度",
               "round_history": "操作记录", "results": "考核结果", "fairness": "评分一致性", "judge_panel": "评分"}


def build_trail(request) -> list[tuple[str, str | None]]:
    match = getattr(request, "resolver_match", None)
    trail = Trail(request)
    if match is None or not request.user.is_authenticated:
        return []
    namespace, name, kwargs = match.namespace, match.url_name, match.kwargs
    section = SECTIONS.get(namespace)
    if namespace == "units" and "unit_id" in kwargs:
        if trail.unit(kwargs["unit_id"]) and name == "new_year":
            trail.add("新建年度")
    elif namespace == "accounts" and "unit_id" in kwargs:
        if trail.unit(kwargs["unit_id"]):
            year = kwargs["year"]
            trail.add(f"{year}年度收支决算", reverse("accounts:unit_year", args=[kwargs["unit_id"], year]))
            if name in ACCOUNT_PAGES:
                trail.add(ACCOUNT_PAGES[name])
    elif section:
        trail.add(*section)
        if namespace == "goals":
            if name == "library":
                trail.add("指标库")
            elif name == "light_board":
                trail.add("监控红绿灯")
            elif "goal_id" in kwargs:
                if trail.goal(kwargs["unit_id"], kwargs["year"], kwargs["goal_id"]) and name in GOAL_PAGES:
                    trail.add(GOAL_PAGES[name])
            elif "unit_id" in kwargs:
                if trail.goals_of(kwargs["unit_id"], kwargs["year"]) and name == "new_goal":
                    trail.add("新建目标")
        elif namespace == "evaluations" and name != "overview":
            trail.add("整改跟踪")
        elif namespace == "assessment" and name != "index":
            if "scheme_id" in kwargs:
                scheme = Scheme.objects.filter(pk=kwargs["scheme_id"]).first()
                if scheme is not None:
                    trail.add(scheme.title, reverse("assessment:scheme", args=[scheme.pk]))
                    if name == "scheme_edit":
                        trail.add("编辑")
            elif "round_id" in kwargs and trail.round(kwargs["round_id"]):
                if name in ROUND_PAGES:
                    trail.add(ROUND_PAGES[name])
                elif "unit_id" in kwargs:
                    unit = Unit.objects.filter(pk=kwargs["unit_id"]).first()
                    if unit is not None:
                        trail.add(unit.display_name)
        elif namespace == "healthcheck" and name != "upload":
            trail.add("体检结果")
    elif namespace == "documents" and "evaluation_id" in kwargs:
        evaluation = SelfEvaluation.objects.select_related("goal__unit_year").filter(pk=kwargs["evaluation_id"]).first()
        if evaluation is not None:
            unit_year: UnitYear = evaluation.goal.unit_year
            trail.add("绩效目标与自评", "/goals/")
            if trail.goal(unit_year.unit_id, unit_year.fiscal_year, evaluation.goal_id):
                trail.add("报告与表格")
    elif namespace == "security":
        trail.add({"password_change": "修改密码"}.get(name, "账号锁定"))
    crumbs = trail.crumbs
    if crumbs:
        # The page itself is the last crumb and is not a link.
        crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


def navigation(request):
    """Context processor: the header's links now, the trail only when a template asks for it."""
    return {
        "nav_links": nav_links(request.user, request.path) if hasattr(request, "user") else [],
        "breadcrumbs": lambda: build_trail(request),
    }
