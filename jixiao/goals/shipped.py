"""The versions shipped with the product: the default monitoring scheme (60 / 80 at 6月30日 and 8月31日, as before), a
Sichuan-2025-style one (execution rate at least 25 / 40 / 60 / 80 % by 4月30日 / 6月30日 / 8月31日 /
10月31日), the 2020 three-class indicator framework and the 2021 four-class one."""

from decimal import Decimal

from django.utils import timezone

D = Decimal

MONITORING = [
    {"code": "default", "name": "默认监控方案（双监控：6月30日、8月31日）", "measure": "progress", "gap_points": D("20"),
     "source": "财政部《关于印发〈中央部门预算绩效运行监控管理暂行办法〉的通知》（财预〔2019〕136号）",
     "region": "", "from_year": None, "to_year": None,
     "checkpoints": [(6, 30, D("60"), D("80")), (8, 31, D("60"), D("80"))]},
    {"code": "sichuan-2025", "name": "四川式执行进度预警（4月25%、6月40%、8月60%、10月80%）", "measure": "execution",
     "gap_points": D("20"), "source": "四川省2025年度预算执行进度要求（按时点预算执行率预警）",
     "region": "四川省", "from_year": 2025, "to_year": None,
     "checkpoints": [(4, 30, D("25"), D("25")), (6, 30, D("40"), D("40")), (8, 31, D("60"), D("60")),
                     (10, 31, D("80"), D("80"))]},
]

FRAMEWORKS = [
    {"code": "framework-2020", "name": "2020年三类指标体系（产出、效益、满意度）",
     "source": "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）", "from_year": None, "to_year": 2021,
     "required_fields": [],
     "classes": [("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
                 # 满意度 as a level-2 of 效益 is how the Hunan form (岳阳 2017) prints it.
                 ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标"]),
                 ("满意度指标", ["服务对象满意度指标"])]},
    {"code": "framework-2021", "name": "2021年四类指标体系（成本、产出、效益、满意度）",
     "source": "财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）",
     "from_year": 2022, "to_year": None,
     "required_fields": ["formula", "value_basis", "value_explanation"],
     "classes": [("成本指标", ["经济成本指标", "社会成本指标", "生态环境成本指标"]),
                 ("产出指标", ["数量指标", "质量指标", "时效指标"]),
                 ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标"]),
                 ("满意度指标", ["服务对象满意度指标"])]},
]


def ship(get_model) -> None:
    """Create the shipped versions that are missing (never overwrite one: a published version is not changed).

    `get_model("goals", name)`: the migration's historical models, or django.apps.apps.get_model
    when the demo is loaded again into emptied tables.
    """
    scheme_model = get_model("goals", "MonitoringScheme")
    checkpoint_model = get_model("goals", "MonitoringCheckpointRule")
    framework_model = get_model("goals", "IndicatorFramework")
    class_model = get_model("goals", "FrameworkClass")
    now = timezone.now()
    for shipped in MONITORING:
        item = dict(shipped)
        checkpoints = item.pop("checkpoints")
        scheme, created = scheme_model.objects.get_or_create(
            code=item.pop("code"), version=1, defaults={**item, "status": "published", "published_at": now})
        if not created:
            continue
        for month, day, red, green in checkpoints:
            checkpoint_model.objects.create(scheme=scheme, month=month, day=day, red_below=red, green_from=green)
    for shipped in FRAMEWORKS:
        item = dict(shipped)
        classes = item.pop("classes")
        framework, created = framework_model.objects.get_or_create(
            code=item.pop("code"), version=1, defaults={**item, "region": "", "status": "published", "published_at": now})
        if not created:
            continue
        order = 0
        for level1, level2s in classes:
            for level2 in level2s:
                order += 1
                class_model.objects.create(framework=framework, level1=level1, level2=level2, sort_order=order)
