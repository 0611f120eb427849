from django import forms

from jixiao.assessment.domain.numbers import fmt_points
from jixiao.assessment.models import Scheme
from jixiao.number_fields import NumberField, number_formfield
from jixiao.params import DATE_RANGE_TEXT, DateOutOfRange, check_date_range


class SchemeSettingsForm(forms.ModelForm):
    class Meta:
        model = Scheme
        formfield_callback = number_formfield
        fields = [
            "title", "document_number", "base_points", "bonus_cap", "score_step", "drop_extremes",
            "drop_extremes_min_judges", "routine_weight", "tie_break", "presentation_minutes", "questions_minutes",
        ]
        widgets = {"title": forms.TextInput(attrs={"size": 40})}


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class CopyForm(forms.Form):
    year = forms.IntegerField(label="新年度", min_value=2000, max_value=2100)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time within the product's date range, refused before time-zone arithmetic can overflow."""

    def to_python(self, value):
        try:
            result = super().to_python(value)
            return check_date_range(result) if result is not None else None
        except (DateOutOfRange, OverflowError) as error:
            raise forms.ValidationError(f"日期须在 {DATE_RANGE_TEXT} 之间", code="out_of_range") from error


class OpenRoundForm(forms.Form):
    deadline = BoundedDateTimeField(
        label="填报截止时间", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


def deadline_problem(form: OpenRoundForm) -> str:
    """Why the typed deadline was refused, for a message: out of range, or not in the expected form."""
    codes = {error.code for error in form.errors.as_data().get("deadline", [])}
    if "out_of_range" in codes:
        return f"超出范围：{form.errors['deadline'][0]}。"
    return "格式不对，请按 2019-01-10 17:00 填写。"


class AdvancedCountForm(forms.Form):
    advanced_count = forms.IntegerField(label="先进单位名额", min_value=0)


class BonusAwardForm(forms.Form):
    bonus_item = forms.ModelChoiceField(label="加分项目", queryset=None)
    points = NumberField(label="加分", min_value=0, max_digits=6, decimal_places=2)
    evidence = forms.CharField(label="依据", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bonus_item"].queryset = scheme.bonus_items.all()
        self.fields["bonus_item"].label_from_instance = lambda bonus: f"加分{bonus.number}（最高{fmt_points(bonus.cap)}分）"

    def clean(self):
        cleaned = super().clean()
        bonus, points = cleaned.get("bonus_item"), cleaned.get("points")
        if bonus and points is not None and points > bonus.cap:
            self.add_error("points", f"该加分项目最高 {fmt_points(bonus.cap)} 分")
        return cleaned


class RoutineForm(forms.Form):
    score = NumberField(label="平时工作得分", min_value=0, max_digits=6, decimal_places=2)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].validators.append(_at_most_base_points(scheme.base_points))


def _at_most_base_points(limit):
    def check(value):
        if value > limit:
            raise forms.ValidationError(f"平时工作得分不能超过基础分 {fmt_points(limit)}")

    return check


class VetoForm(forms.Form):
    reason = forms.CharField(label="否决原因", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    meeting = forms.CharField(label="批准会议", max_length=200, help_text="如：市科协主席办公会（日期）")


class ConflictForm(forms.Form):
    unit = forms.ModelChoiceField(label="回避单位", queryset=None)
    reason = forms.CharField(label="回避原因", max_length=200)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = round_.assessed_units.order_by("sort_order", "pk")


class JudgeForm(forms.Form):
    user = forms.ModelChoiceField(label="评委", queryset=None)
    group = forms.ModelChoiceField(label="评委组", queryset=None)
    home_unit = forms.ModelChoiceField(label="所在单位", queryset=None)

    def __init__(self, *args, round_, candidates, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["group"].queryset = round_.scheme.judge_groups.all()
        self.fields["home_unit"].queryset = units
