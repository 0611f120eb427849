"""Forms to set goals and indicators (Chinese messages at the field)."""

from django import forms

from jixiao.goals.frameworks import REQUIRED_FIELDS
from jixiao.goals.models import QUANTITATIVE, Goal, GoalKind, Indicator, LibraryIndicator, Operator
from jixiao.number_fields import number_formfield
from jixiao.scoring.queries import published_choices


class GoalForm(forms.ModelForm):
    scheme_code = forms.ChoiceField(label="评分办法", error_messages={
        "invalid_choice": "评分方案“%(value)s”不存在或尚未发布，请从列表中选择"})

    class Meta:
        model = Goal
        fields = ["kind", "name", "special_fund", "overall_goal", "basis", "scheme_code"]
        labels = {"special_fund": "对应专项资金（项目支出目标）"}
        widgets = {"overall_goal": forms.Textarea(attrs={"rows": 2}), "basis": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": "请填写目标名称"}, "special_fund": {"invalid_choice": "请从本年度的专项资金中选择"}}

    def __init__(self, *args, unit_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme_code"].choices = published_choices()
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
    # Plain texts offered as lists: the framework's own check gives the message (which classes it has).
    level1 = forms.CharField(label="一级指标", required=False)
    level2 = forms.CharField(label="二级指标", required=False)

    class Meta:
        model = Indicator
        formfield_callback = number_formfield
        fields = ["library", "level1", "level2", "name", "operator", "target", "target_high", "unit_of_measure", "points",
                  "explanation", "formula", "value_basis", "reference_value", "last_year_value", "value_explanation"]
        widgets = {"formula": forms.Textarea(attrs={"rows": 2}), "value_explanation": forms.Textarea(attrs={"rows": 2}),
                   "explanation": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "name": {"required": "请填写三级指标名称"},
            "target": {"invalid": "指标值须为数字"},
            "target_high": {"invalid": "区间上限须为数字"},
            "points": {"invalid": "分值须为数字"},
        }

    def __init__(self, *args, scheme=None, framework=None, **kwargs):
        """framework: the goals.frameworks.FrameworkRules valid for the goal's region, year and kind."""
        self.scheme = scheme
        self.framework = framework
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        if framework is not None:
            self.fields["level1"].widget = forms.Select(choices=[("", "（请选择）"), *((name, name) for name in framework.level1_names)])
            self.fields["level2"].widget = forms.Select(choices=[("", "（请选择）"), *(
                (level1, [(level2, level2) for level2 in level2s]) for level1, level2s in framework.classes)])
            self.fields["level1"].help_text = f"按《{framework.name}》"
            for name in framework.required:
                self.fields[name].label = f"{REQUIRED_FIELDS[name]}（必填）"
        for name, help_text in HELP.items():
            self.fields[name].help_text = self.fields[name].help_text or help_text

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
        level1, level2 = data.get("level1"), data.get("level2")
        if not level1:
            self.add_error("level1", "请选择一级指标（产出、效益、满意度或成本指标），或从指标库选用")
        elif self.framework is not None:
            for name, message in self.framework.class_errors(level1, level2).items():
                self.add_error(name, message)
        if level1 and not level2 and "level1" not in self.errors and self.framework is not None:
            self.add_error("level2", f"请选择二级指标（如 {'、'.join(self.framework.level2_names(level1))}）")
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
        if self.framework is not None:
            for name, message in self.framework.missing(data, operator in QUANTITATIVE).items():
                if name not in self.errors:
                    self.add_error(name, message)
        points = data.get("points")
        if points is not None and points < 0:
            self.add_error("points", "分值不能为负数")
        return data
