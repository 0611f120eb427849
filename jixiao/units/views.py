from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.params import posted_revision
from jixiao.units.access import unit_for
from jixiao.units.domain import StaleProfile, save_profile
from jixiao.units.forms import PROFILE_FIELDS, NewYearForm, UnitProfileForm
from jixiao.units.home import home_context
from jixiao.units.models import Unit


@login_required
def home(request):
    return render(request, "units/home.html", home_context(request.user))


@login_required
def unit_detail(request, unit_id):
    unit = unit_for(request.user, unit_id)
    can_edit = request.user.has_perm("units.change_unit_data", unit)
    form = UnitProfileForm(instance=unit)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise Http404("无权修改该单位")
        # A field missing from the post keeps its stored value; it is never stored as blank.
        data = request.POST.copy()
        for name in PROFILE_FIELDS:
            if name not in data:
                value = getattr(unit, name)
                data[name] = "" if value is None else str(value)
        form = UnitProfileForm(data, instance=Unit.objects.get(pk=unit.pk))
        if form.is_valid():
            try:
                unit = save_profile(unit, {name: form.cleaned_data[name] for name in PROFILE_FIELDS}, request.user,
                                    posted_revision(request.POST))
            except StaleProfile as stale:
                messages.error(request, str(stale))
                status = 409
                for name in PROFILE_FIELDS:
                    stored = getattr(stale.latest, name)
                    if form.cleaned_data[name] != stored:
                        form.add_error(name, f"他人已改为：{'（空）' if stored in (None, '') else stored}")
                unit = stale.latest
            else:
                messages.success(request, "单位信息已保存。")
                return redirect("units:detail", unit_id=unit.pk)
        else:
            status = 400
            messages.error(request, "有填写错误，未保存。请按提示修改；其他内容已保留。")
    from jixiao.accounts.models import UnitYear  # noqa: PLC0415  (accounts depends on units)

    return render(request, "units/detail.html", {
        "unit": unit, "form": form, "can_edit": can_edit,
        "years": UnitYear.objects.filter(unit=unit).order_by("-fiscal_year"),
        "sub_units": unit.children.order_by("sort_order", "pk"),
        "history": profile_changes(unit),
        "new_year_form": NewYearForm(),
        "revision": unit.revision,
    }, status=status)


def profile_changes(unit) -> list[tuple]:
    """(when, who, field label, old, new) for every change of the unit's profile, newest first."""
    records = list(unit.history.select_related("history_user").order_by("history_date", "history_id"))
    changes = []
    for previous, record in zip(records, records[1:], strict=False):
        for change in record.diff_against(previous).changes:
            label = unit._meta.get_field(change.field).verbose_name
            who = (record.history_user.get_full_name() or record.history_user.username) if record.history_user else "系统导入"
            changes.append((record.history_date, who, label, change.old, change.new))
    return changes[::-1]


@login_required
@require_POST
def new_year(request, unit_id):
    unit = unit_for(request.user, unit_id, "units.change_unit_data")
    form = NewYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors["fiscal_year"]))
        return redirect("units:detail", unit_id=unit.pk)
    from jixiao.accounts.domain import open_year  # noqa: PLC0415

    unit_year = open_year(unit, form.cleaned_data["fiscal_year"])
    return redirect("accounts:unit_year", unit_id=unit.pk, year=unit_year.fiscal_year)
