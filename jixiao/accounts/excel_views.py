"""Excel template, export and import of a unit-year page: load, call excel/domain, answer.

Every unit goes through units.access.unit_for, so anyone without a role on the
unit gets 404 for the template, the export and the import alike.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from jixiao.accounts import domain, excel
from jixiao.accounts.derived import all_derived, fund_execution
from jixiao.accounts.grid import RowSpec
from jixiao.accounts.models import UnitYear, UnitYearStatus
from jixiao.accounts.queries import sheet_for
from jixiao.accounts.rules import frozen_reason
from jixiao.units.access import unit_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUBMITTED = "本年度数据已提交，不能导入；如需修改，请审核人退回后再导入。"
READ_ONLY = "您在本单位的角色只能查看数据，不能导入；请由填报人导入。"
STALE = "导入失败：下载模板后，其他人已修改了本年度数据，未保存任何数据。请重新下载模板，填写后再导入。"


def _unit_year(user, unit_id, year, perm="units.view_unit") -> UnitYear:
    unit = unit_for(user, unit_id, perm)
    return get_object_or_404(UnitYear.objects.select_related("unit"), unit=unit, fiscal_year=year)


def _rows(unit_year: UnitYear) -> list[RowSpec]:
    """The page's rows (the same as views._rows): the unit's summary, then each sub-unit."""
    sub_years = domain.sub_unit_years(unit_year)
    rows = [RowSpec(unit_year.pk, "合计" if sub_years else unit_year.unit.name, True)]
    return rows + [RowSpec(child.pk, child.unit.name, False) for child in sub_years]


def _key(unit_year: UnitYear) -> excel.WorkbookKey:
    return excel.WorkbookKey(unit_year.unit_id, unit_year.unit.name, unit_year.fiscal_year, unit_year.revision)


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def template(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    rows = _rows(unit_year)
    data = excel.build_workbook(sheet_for(unit_year, with_previous=False), rows, _key(unit_year))
    return _download(data, f"{unit_year.unit.name}{unit_year.fiscal_year}年收支情况-填报模板.xlsx")


@login_required
def export(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    rows = _rows(unit_year)
    sheet = sheet_for(unit_year)
    derived = all_derived(sheet) + [fund_execution(fund) for fund in sheet.all_funds()]
    data = excel.build_workbook(sheet, rows, _key(unit_year), derived)
    return _download(data, f"{unit_year.unit.name}{unit_year.fiscal_year}年收支情况.xlsx")


class SizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes the limit, so a huge file is never stored, not even on disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > excel.MAX_UPLOAD_BYTES:
            self.request.excel_too_large = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


@login_required
@csrf_exempt
def import_page(request, unit_id, year):
    # The size limit must be in place before anything reads the body; the CSRF
    # middleware would, so the check runs below, once the handler is set.
    request.upload_handlers.insert(0, SizeLimit(request))
    return _import_page(request, unit_id, year)


@csrf_protect
def _import_page(request, unit_id, year):
    # Readers (reviewer, finance bureau) see the page say why they cannot
    # import; anyone without a role on the unit gets 404 from unit_for.
    unit_year = _unit_year(request.user, unit_id, year)
    can_edit = request.user.has_perm("units.change_unit_data", unit_year.unit)
    context = {
        "unit_year": unit_year, "unit": unit_year.unit, "errors": [], "max_mb": excel.MAX_UPLOAD_BYTES // (1024 * 1024),
        "is_draft": unit_year.status == UnitYearStatus.DRAFT, "can_edit": can_edit,
    }

    def refused(errors: list[str], status: int):
        context["errors"] = errors
        return render(request, "accounts/excel_import.html", context, status=status)

    if not can_edit:
        return refused([READ_ONLY], 403)
    if request.method != "POST":
        return render(request, "accounts/excel_import.html", context)
    if unit_year.status != UnitYearStatus.DRAFT:
        return refused([SUBMITTED if unit_year.status == UnitYearStatus.SUBMITTED else frozen_reason(unit_year)], 409)
    upload = request.FILES.get("workbook")
    if getattr(request, "excel_too_large", False):
        return refused([excel.too_large(int(request.META.get("CONTENT_LENGTH") or 0))], 413)
    if upload is None:
        return refused(["请选择要导入的 Excel 文件（.xlsx）。"], 400)
    if upload.size > excel.MAX_UPLOAD_BYTES:
        # Refused from its declared size, before reading it into memory.
        return refused([excel.too_large(upload.size)], 413)
    rows = _rows(unit_year)
    result = excel.read_workbook(upload.read(), rows, unit_year.unit_id, unit_year.fiscal_year)
    if not result.valid:
        return refused(result.errors, 400)
    try:
        changed = domain.save_figures(unit_year, result.values, request.user, result.key.revision)
    except domain.Frozen as frozen:
        return refused([str(frozen)], 409)
    except domain.StaleRevision:
        return refused([STALE], 409)
    messages.success(request, f"已从 Excel 导入，修改了 {changed} 个单元格。" if changed else "已从 Excel 导入，没有数据变化。")
    return redirect("accounts:unit_year", unit_id=unit_id, year=year)
