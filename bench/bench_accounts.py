"""Yearly accounts: the unit-year page, an Excel import, and a province roll-up.

1. Median render time of the Yueyang 2017 page (the document's three
   sub-units) and of a synthetic city with 40 sub-units, through the real view
   (Django's test Client, the bench database, the Yueyang filler logged in).
2. Import of a 40-sub-unit workbook through the real upload view: the template
   is downloaded (not timed), every figure of every sub-unit changed, and the
   upload timed from request to redirect (parse, save all cells with their
   history, run the checks).
3. Province roll-up over 3,000 synthetic units (1 province, 20 cities, 2,579
   counties, 400 sub-units of 200 counties), each with a year of figures:
   load with jixiao.accounts.queries.region_sheet and compute every line and
   derived figure of the province. Building the synthetic units is not timed.
"""

import io
import random
import statistics
import time
from decimal import Decimal

YEAR = 2017
PAGE_RUNS = 15
IMPORT_RUNS = 3
SUB_UNITS = 40
CITIES = 20
COUNTIES = 2579
COUNTIES_WITH_SUB_UNITS = 200
SUB_UNITS_PER_COUNTY = 2

# Typed lines a synthetic unit fills (the rest stay empty, as in the documents).
FILLED = [
    "income_carry_over", "income_fiscal", "income_operating_other",
    "exp_personnel", "exp_office", "exp_project",
    "sangong_reception", "sangong_vehicle_operation",
    "sangong_budget_reception", "sangong_budget_vehicle_operation",
    "fa_in_use", "fa_purchased", "budget_basic", "budget_project",
]


def synthetic_figures(generator: random.Random) -> dict[str, Decimal]:
    figures = {code: Decimal(generator.randint(100, 500_000)) / 100 for code in FILLED}
    figures["income_total"] = figures["income_carry_over"] + figures["income_fiscal"] + figures["income_operating_other"]
    figures["exp_basic"] = figures["exp_personnel"] + figures["exp_office"]
    figures["exp_total"] = figures["exp_basic"] + figures["exp_project"]
    figures["balance_current"] = figures["income_total"] - figures["exp_total"]
    return figures


def setup_people():
    from django.contrib.auth import get_user_model

    from jixiao.accounts import demo
    from jixiao.units.demo import load_units
    from jixiao.units.models import Role, RoleKind

    units = load_units()
    demo.load(units)
    filler, _ = get_user_model().objects.get_or_create(username="bench_accounts_filler")
    Role.objects.get_or_create(user=filler, unit=units["hunan"], kind=RoleKind.FILLER)
    return units, filler


def city_with_sub_units(parent):
    """A city under Hunan with 40 sub-units, each with a full year of figures."""
    from jixiao.accounts.models import Figure, UnitYear
    from jixiao.units.models import Unit

    generator = random.Random(40)
    city = Unit.objects.create(name="基准测试市科学技术协会", short_name="基准测试市科协", level="city", parent=parent)
    city_year = UnitYear.objects.create(unit=city, fiscal_year=YEAR)
    figures = []
    for number in range(1, SUB_UNITS + 1):
        sub_unit = Unit.objects.create(name=f"下属单位{number:02d}", level="sub_unit", parent=city, sort_order=number)
        sub_year = UnitYear.objects.create(unit=sub_unit, fiscal_year=YEAR)
        figures += [Figure(unit_year=sub_year, line=code, amount=amount) for code, amount in synthetic_figures(generator).items()]
    Figure.objects.bulk_create(figures)
    return city_year


def median_page_ms(client, unit_year) -> float:
    path = f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/"
    for _ in range(2):
        assert client.get(path).status_code == 200
    timings = []
    for _ in range(PAGE_RUNS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return statistics.median(timings)


def import_seconds(client, unit_year, run: int) -> float:
    import openpyxl

    base = f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/excel/"
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(base + "template/").content))
    for ws in workbook.worksheets[:5]:
        codes = [cell.value for cell in ws[3]]
        for row in ws.iter_rows(min_row=5, max_row=4 + SUB_UNITS):
            for cell, code in zip(row, codes, strict=False):
                if isinstance(code, str) and code not in ("unit", "key") and not code.startswith("calc:"):
                    # A different figure in every typed cell: the worst case for the save.
                    cell.value = float(Decimal(run * 1000 + cell.row * 10 + cell.column) / 100)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "bench.xlsx"
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.post(base + "import/", {"workbook": upload})
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if response.status_code != 302:
        raise RuntimeError(f"导入失败：{response.status_code} {response.content.decode()[:500]}")
    return elapsed, cpu, buffer.getvalue()


def bare_import_seconds(unit_year, data: bytes) -> tuple[float, float]:
    """The bare baseline of an import: the same workbook's numeric cells read by openpyxl, and as many figures
    written with one UPDATE per cell on the cursor in a transaction — no checks, history, findings or page."""
    import openpyxl
    from django.db import connection, transaction

    from jixiao.accounts.models import Figure

    started, cpu_started = time.perf_counter(), time.process_time()
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    values = [cell for ws in workbook.worksheets[:5] for row in ws.iter_rows(min_row=5, values_only=True)
              for cell in row if isinstance(cell, float | int)]
    ids = list(Figure.objects.filter(unit_year__unit__parent=unit_year.unit).values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany("UPDATE accounts_figure SET amount = %s WHERE id = %s",
                           [(str(Decimal(str(value)).quantize(Decimal("0.01"))), pk) for value, pk in zip(values, ids * 5, strict=False)])
    return time.perf_counter() - started, time.process_time() - cpu_started


def synthetic_province():
    """3,000 units with a year of figures each, written in bulk with their paths."""
    from django.db.models import Max

    from jixiao.accounts.models import Figure, UnitYear
    from jixiao.units.models import Unit

    generator = random.Random(3000)
    next_id = (Unit.objects.aggregate(top=Max("id"))["top"] or 0) + 1000
    units = []

    def add(name, level, parent, order=0):
        nonlocal next_id
        unit = Unit(id=next_id, name=name, level=level, parent=parent, sort_order=order)
        unit.path = f"{parent.path if parent else '/'}{next_id}/"
        next_id += 1
        units.append(unit)
        return unit

    province = add("基准测试省科学技术协会", "province", None)
    cities = [add(f"基准测试{number}市科协", "city", province, number) for number in range(CITIES)]
    counties = [add(f"基准测试{number}县科协", "county", cities[number % CITIES], number) for number in range(COUNTIES)]
    for number, county in enumerate(counties[:COUNTIES_WITH_SUB_UNITS]):
        for part in range(SUB_UNITS_PER_COUNTY):
            add(f"基准测试{number}县下属单位{part}", "sub_unit", county, part)
    Unit.objects.bulk_create(units, batch_size=500)
    years = UnitYear.objects.bulk_create([UnitYear(unit=unit, fiscal_year=YEAR) for unit in units], batch_size=500)
    if years[0].pk is None:
        years = list(UnitYear.objects.filter(unit__path__startswith=province.path, fiscal_year=YEAR))
    Figure.objects.bulk_create(
        [Figure(unit_year=year, line=code, amount=amount) for year in years for code, amount in synthetic_figures(generator).items()],
        batch_size=2000,
    )
    return province, len(units)


def rollup_seconds(province) -> tuple[float, Decimal]:
    from jixiao.accounts.derived import all_derived
    from jixiao.accounts.lines import LINES
    from jixiao.accounts.queries import region_sheet

    started = time.perf_counter()
    region = region_sheet(province, YEAR)
    totals = {line.code: region.value(line.code) for line in LINES}
    all_derived(region)
    return time.perf_counter() - started, totals["income_total"]


def run():
    from django.test import Client

    from jixiao.accounts.models import UnitYear

    units, filler = setup_people()
    client = Client()
    client.force_login(filler)
    yueyang = UnitYear.objects.get(unit=units["yueyang"], fiscal_year=YEAR)
    page_3 = median_page_ms(client, yueyang)
    city_year = city_with_sub_units(units["hunan"])
    page_40 = median_page_ms(client, city_year)
    imports = [import_seconds(client, city_year, run) for run in range(1, IMPORT_RUNS + 1)]
    bare = [bare_import_seconds(city_year, data) for _, _, data in imports]
    import_wall = statistics.median(wall for wall, _, _ in imports)
    import_cpu = statistics.median(cpu for _, cpu, _ in imports)
    bare_cpu = statistics.median(cpu for _, cpu in bare)
    province, count = synthetic_province()
    rollup, _ = rollup_seconds(province)
    return [
        ("收支页面中位渲染时间（岳阳市科协 2017，3 个下属单位）", page_3, 150.0, "ms"),
        (f"收支页面中位渲染时间（合成单位，{SUB_UNITS} 个下属单位）", page_40, 150.0, "ms"),
        (f"Excel 导入（{SUB_UNITS} 个下属单位，所有数字都改动，中位）", import_wall, 1.0, "s"),
        ("  同上，本进程 CPU 时间（含 SQLite 写入）", import_cpu, 1.0, "s"),
        ("  基线：openpyxl 读同一文件 + 游标逐格 UPDATE（无校验、历史、发现），CPU 时间", bare_cpu, None, "s"),
        ("  比值（导入 ÷ 基线，CPU 时间）", import_cpu / bare_cpu, None, "×"),
        (f"全省汇总（{count} 个合成单位，全部项目与计算指标）", rollup, 2.0, "s"),
    ]
