from django import forms

from jixiao.units.models import Unit

PROFILE_FIELDS = [
    "budget_code", "contact_person", "phone",
    "authorized_staff", "authorized_staff_admin", "authorized_staff_institutional",
    "actual_staff", "actual_staff_admin", "actual_staff_institutional",
    "population", "duties",
]


class UnitProfileForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = PROFILE_FIELDS
        widgets = {"duties": forms.Textarea(attrs={"rows": 6, "cols": 80})}
        error_messages = {field: {"invalid": "请输入整数", "min_value": "不能为负数"} for field in PROFILE_FIELDS}


class NewYearForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label="年度", min_value=2000, max_value=2100,
        error_messages={"invalid": "请输入四位年份，如 2024", "min_value": "年份不能早于 2000", "max_value": "年份不能晚于 2100"},
    )
