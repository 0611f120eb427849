"""Monitoring schemes and indicator frameworks: read by everyone, copied, edited and published by finance bureaus.

Load, call rulesets, render. A published version is shown read-only; a draft is edited only by the
finance bureau that made it (rulesets.may_edit, checked again under the lock in rulesets).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.goals import frameworks, rulesets
from jixiao.goals.models import IndicatorFramework, MonitoringMeasure, MonitoringScheme, ValidKind, VersionStatus
from jixiao.params import parse_id, posted_revision
from jixiao.units.models import Role
from jixiao.units.queries import READING_ROLES

KINDS = {"monitoring": MonitoringScheme, "framework": IndicatorFramework}
TITLES = {"monitoring": "绩效监控方案", "framework": "绩效指标体系"}
MAX_IMPORT_BYTES = 200_000


def _model(kind: str):
    if kind not in KINDS:
        raise Http404("没有这类方案")
    return KINDS[kind]


def _visible(user, version) -> bool:
    """Published versions are public rules; a draft is seen by the finance bureau that makes it."""
    return version.status == VersionStatus.PUBLISHED or rulesets.may_edit(user, version)


def _must_read(user) -> None:
    """The rules are read by the people of the platform (a role on some unit), not by anyone with a login."""
    if not (user.is_superuser or Role.objects.filter(user=user, kind__in=list(READING_ROLES)).exists()):
        raise PermissionDenied("您在任何单位都没有角色，不能查看监控方案与指标体系")


def _version(user, kind: str, pk: int):
    _must_read(user)
    version = get_object_or_404(_model(kind), pk=pk)
    if not _visible(user, version):
        raise Http404("没有这个方案版本")
    return version


def _rows(user, model):
    editable = set(rulesets.finance_units(user).values_list("pk", flat=True))
    rows = []
    for version in model.objects.select_related("owner", "based_on").order_by("code", "version"):
        if version.is_draft and not (user.is_superuser or version.owner_id in editable):
            continue
        rows.append({"version": version, "superseded_by": rulesets.superseded_by(version),
                     "may_edit": rulesets.may_edit(user, version)})
    return rows


@login_required
def index(request):
    _must_read(request.user)
    return render(request, "goals/rules/index.html", {
        "monitoring": _rows(request.user, MonitoringScheme), "frameworks": _rows(request.user, IndicatorFramework),
        "finance_units": list(rulesets.finance_units(request.user)),
    })


def _detail_context(request, kind, version, post=None, errors=None):
    values = post if post is not None else rulesets.stored_values(version)
    context = {
        "kind": kind, "title": TITLES[kind], "version": version, "may_edit": rulesets.may_edit(request.user, version),
        "superseded_by": rulesets.superseded_by(version), "errors": errors or {}, "values": values,
        "regions": [(name, name or "全国") for name in rulesets.publish_regions(version)],
        "valid_kinds": ValidKind.choices, "revision": version.revision,
        "finance_units": list(rulesets.finance_units(request.user)),
    }
    if kind == "monitoring":
        rows = []
        indexes = sorted({int(key.split("-")[1]) for key in values if key.startswith("cp-") and key.split("-")[1].isdigit()})
        for index in [*indexes, *range(max(indexes, default=-1) + 1, max(indexes, default=-1) + 3)]:
            rows.append([{"name": f"cp-{index}-{name}", "text": values.get(f"cp-{index}-{name}", ""),
                          "error": (errors or {}).get(f"cp-{index}-{name}", "")} for name in ("date", "red", "green")])
        context.update(checkpoints=rows, measures=MonitoringMeasure.choices,
                       rules=rulesets.monitoring_rules(version))
    else:
        rules = rulesets.framework_rules(version)
        context.update(required_fields=[(name, label, name in (values.get("required") or []))
                                        for name, label in frameworks.REQUIRED_FIELDS.items()],
                       classes=rules.classes, required_labels=[frameworks.REQUIRED_FIELDS[name] for name in rules.required])
    return context


@login_required
def detail(request, kind, pk):
    version = _version(request.user, kind, pk)
    if request.method != "POST":
        return render(request, "goals/rules/detail.html", _detail_context(request, kind, version))
    if not rulesets.may_edit(request.user, version):
        raise PermissionDenied("只有制定该草稿的财政部门可以修改；已发布的版本不能修改，请复制为新版本")
    action = request.POST.get("action", "save")
    try:
        if action == "publish":
            from_year, to_year, year_errors = rulesets.read_years(request.POST.get("from_year", ""), request.POST.get("to_year", ""))
            if year_errors:
                messages.error(request, "未发布：" + "；".join(year_errors.values()))
                context = _detail_context(request, kind, version, errors=year_errors)
                return render(request, "goals/rules/detail.html", context, status=400)
            version = rulesets.publish(version, request.user, request.POST.get("region", ""), from_year, to_year,
                                       request.POST.get("kind", ""), posted_revision(request.POST))
            messages.success(request, f"已发布：{version}，适用于{version.region_label}、{version.years_label}。")
            return redirect("goals:rules_detail", kind, version.pk)
        checked = rulesets.check_monitoring(request.POST) if kind == "monitoring" else rulesets.check_framework(request.POST)
        if checked.errors:
            messages.error(request, f"有 {len(checked.errors)} 处填写有误，未保存；填写内容保留在页面上。")
            post = request.POST.copy()
            post.setlist("required", request.POST.getlist("required"))
            values = {key: (post.getlist(key) if key == "required" else post.get(key)) for key in post}
            return render(request, "goals/rules/detail.html",
                          _detail_context(request, kind, version, values, checked.errors), status=400)
        save = rulesets.save_monitoring_draft if kind == "monitoring" else rulesets.save_framework_draft
        save(version, checked, request.user, posted_revision(request.POST))
    except rulesets.RuleRefused as refused:
        messages.error(request, str(refused))
        version.refresh_from_db()
        return render(request, "goals/rules/detail.html", _detail_context(request, kind, version), status=409)
    messages.success(request, "草稿已保存。")
    return redirect("goals:rules_detail", kind, version.pk)


def _owner(request):
    units = rulesets.finance_units(request.user)
    owner_id = parse_id(request.POST.get("owner")) if request.POST.get("owner") else None
    owner = units.filter(pk=owner_id).first() if owner_id else units.first()
    if owner is None:
        raise PermissionDenied("只有财政部门可以新建或导入方案版本")
    return owner


@login_required
@require_POST
def copy(request, kind, pk):
    version = _version(request.user, kind, pk)
    owner = _owner(request)
    try:
        draft = rulesets.copy_version(version, request.user, owner)
    except rulesets.RuleRefused as refused:
        raise PermissionDenied(str(refused)) from refused
    messages.success(request, f"已复制为草稿：{draft}。修改并核对后发布。")
    return redirect("goals:rules_detail", kind, draft.pk)


@login_required
def export(request, kind, pk):
    version = _version(request.user, kind, pk)
    response = HttpResponse(rulesets.export_json(version), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{version.code}-v{version.version}.json"
    return response


@login_required
@require_POST
def import_file(request, kind):
    model = _model(kind)
    owner = _owner(request)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的方案文件（.json）。")
        return redirect("goals:rules")
    if upload.size > MAX_IMPORT_BYTES:
        messages.error(request, "方案文件过大，未导入。")
        return redirect("goals:rules")
    try:
        text = upload.read().decode("utf-8-sig")
        draft = rulesets.import_json(text, request.user, owner, model)
    except UnicodeDecodeError:
        messages.error(request, "方案文件须为 UTF-8 编码的 JSON，未导入。")
        return redirect("goals:rules")
    except rulesets.RuleRefused as refused:
        messages.error(request, str(refused))
        return redirect("goals:rules")
    messages.success(request, f"已导入为草稿：{draft}。核对后发布。")
    return redirect("goals:rules_detail", kind, draft.pk)
