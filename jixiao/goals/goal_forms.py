"""Forms to set goals and indicators (Chinese messages at the field)."""

from django import forms

from jixiao.goals.models import (
    LEVEL2_CHOICES,
    QUANTITATIVE,
    Goal,
    GoalKind,
    Indicator,
    Level1,
    LibraryIndicator,
    Operator,
)
from jixiao.number_fields import number_formfield
from jixiao.scoring.schemes import SCHEMES


class GoalForm(forms.ModelForm):
    scheme_code = forms.ChoiceField(label="评分办法", choices=[(code, scheme.name) for code, scheme in SCHEMES.items()])

    class Meta:
        model = Goal
        fields = ["kind", "name", "special_fund", "overall_goal", "basis", "scheme_code"]
        labels = {"special_fund": "对应专项资金（项目支出目标）"}
        widgets = {"overall_goal": forms.Textarea(attrs={"rows": 2}), "basis": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": "请填写目标名称"}, "special_fund": {"invalid_choice": "请从本年度的专项资金中选择"}}

    def __init__(self, *args, unit_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = GoalKind.choices
        # A project goal's money is its special fund, chosen by key from this unit-year's funds (never matched by name).
        funds = self.fields["special_fund"]
        funds.queryset = unit_year.special_funds.filter(parent=None) if unit_year is not None else funds.queryset.none()
        funds.empty_label = "（未关联；请先在收支数据的专项资金表中添加）" if not funds.queryset.exists() else "（请选择）"

    def clean(self):
        data = super().clean()
        if data.get("kind") == GoalKind.DEPARTMENT and data.get("special_fund") is not None:
            self.add_error("special_fund", "部门整体支出目标对应全年收支，不关联专项资金")
        return data


HELP = {
    "level2": "如 数量指标、质量指标、时效指标、成本指标；社会效益指标；服务对象满意度指标",
    "name": "具体、可衡量，如“举办科普讲座场次”",
    "operator": "≥ 越多越好，≤ 越少越好；定性指标填写完成情况文字，由审核人评定档次",
    "target": "数字，如 10；区间目标填下限",
    "unit_of_measure": "如 场次、人次、%、万元",
    "points": "本指标分值，如 10",
}


class IndicatorForm(forms.ModelForm):
    library = forms.ModelChoiceField(label="从指标库选用", queryset=LibraryIndicator.objects.all(), required=False)

    class Meta:
        model = Indicator
        formfield_callback = number_formfield
        fields = ["library", "level1", "level2", "name", "operator", "target", "target_high", "unit_of_measure", "points", "explanation"]
        error_messages = {
            "name": {"required": "请填写三级指标名称"},
            "target": {"invalid": "指标值须为数字"},
            "target_high": {"invalid": "区间上限须为数字"},
            "points": {"invalid": "分值须为数字"},
        }

    def __init__(self, *args, scheme=None, **kwargs):
        self.scheme = scheme
        super().__init__(*args, **kwargs)
        # Checked in clean() with a Chinese message (and filled from the library), never blocked by the browser.
        for name in ("name", "level2", "level1"):
            self.fields[name].required = False
        self.fields["level1"].choices = [("", "请选择一级指标"), *Level1.choices]
        for name, help_text in HELP.items():
            self.fields[name].help_text = help_text

    @staticmethod
    def initial_from(library) -> dict:
        """The fields a library indicator fills in when picked."""
        return {"library": library.pk, "level1": library.level1, "level2": library.level2, "name": library.name,
                "unit_of_measure": library.unit_of_measure, "operator": library.operator, "explanation": library.explanation}

    def clean(self):
        data = super().clean()
        library = data.get("library")
        if library is not None:
            for name in ("level1", "level2", "unit_of_measure"):
                data[name] = data.get(name) or getattr(library, name)
            data["name"] = data.get("name") or library.name
        if not data.get("name"):
            self.add_error("name", "请填写三级指标名称，或从指标库选用")
        if not data.get("level1"):
            self.add_error("level1", "请选择一级指标（产出、效益、满意度或成本指标），或从指标库选用")
        level1, level2 = data.get("level1"), data.get("level2")
        if level1 and not level2:
            self.add_error("level2", f"请填写二级指标（如 {'、'.join(LEVEL2_CHOICES.get(level1, []))}）")
        operator = data.get("operator")
        if operator in QUANTITATIVE:
            if data.get("target") is None and "target" not in self.errors:
                self.add_error("target", "定量指标须填写指标值")
            if not data.get("unit_of_measure"):
                self.add_error("unit_of_measure", "定量指标须填写计量单位")
        if operator == Operator.RANGE:
            if self.scheme is not None and not self.scheme.allow_ranges:
                self.add_error("operator", f"“{self.scheme.name}”不允许区间目标，请改为一个明确的目标值")
            elif data.get("target_high") is None or (data.get("target") is not None and data["target_high"] <= data["target"]):
                self.add_error("target_high", "区间上限须大于指标值")
        if operator == Operator.OTHER and not (data.get("explanation") or "").strip():
            self.add_error("explanation", "“定量（其他）”须说明指标值的含义")
        points = data.get("points")
        if points is not None and points < 0:
            self.add_error("points", "分值不能为负数")
        return data
