from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.checks import domain
from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.queries import findings_visible_to
from jixiao.checks.registry import Severity
from jixiao.params import parse_year

AREAS = {"accounts": "收支数据", "goals": "绩效目标", "evaluations": "绩效自评", "healthcheck": "报告体检"}


@login_required
def finding_list(request):
    """Every finding of every unit the user covers, filtered but never cut off."""
    findings = findings_visible_to(request.user).select_related("explained_by")
    filters = {key: request.GET.get(key, "") for key in ("severity", "status", "area", "year")}
    if filters["severity"] in Severity.values:
        findings = findings.filter(severity=filters["severity"])
    if filters["status"] in FindingStatus.values:
        findings = findings.filter(status=filters["status"])
    elif filters["status"] != "all":
        findings = findings.exclude(status=FindingStatus.RESOLVED)
    if filters["area"] in AREAS:
        findings = findings.filter(area=filters["area"])
    if filters["year"]:
        year = parse_year(filters["year"])
        if year is None:
            messages.error(request, f"年度“{filters['year'][:20]}”无法识别，请填写四位数字年份（1900–2100）；已显示全部年度。")
            filters["year"] = ""
        else:
            findings = findings.filter(fiscal_year=year)
    return render(request, "checks/list.html", {
        "findings": findings, "filters": filters, "areas": AREAS,
        "severities": Severity.choices, "statuses": FindingStatus.choices,
    })


@login_required
@require_POST
def explain(request, finding_id):
    finding = get_object_or_404(Finding.objects.select_related("unit"), pk=finding_id)
    if not request.user.has_perm("units.view_unit", finding.unit):
        raise Http404("无权访问")
    if not request.user.has_perm("units.change_unit_data", finding.unit):
        raise Http404("无权修改")
    try:
        domain.explain(finding, request.user, request.POST.get("explanation", ""))
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "情况说明已保存。")
    target = request.POST.get("next", "")
    # Only a path on this site: "foo" would be taken for a URL name, "//evil" for another host.
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = "checks:list"
    return redirect(target)
