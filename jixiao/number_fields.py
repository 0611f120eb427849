"""Form fields reading numbers through the one reader (jixiao.numbers), for every Django form.

Django's own DecimalField takes "1e3" and "1_000" and reads full-width digits
its own way; these fields answer like every other number entry of the product.
"""

from django import forms
from django.db import models

from jixiao.numbers import NumberError, read_decimal


class NumberField(forms.DecimalField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return read_decimal(value, allow_negative=True)
        except NumberError as error:
            # Not a number at all: the field's own words ("指标值须为数字"); a number written wrong
            # ("12,34", two decimal points): the reader's, which say what is wrong.
            message = str(error)
            if message.startswith("请输入数字"):
                message = self.error_messages["invalid"]
            raise forms.ValidationError(message, code="invalid") from error


def number_formfield(db_field, **kwargs):
    """ModelForm.Meta.formfield_callback: model DecimalFields become NumberFields."""
    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=NumberField, **kwargs)
    return db_field.formfield(**kwargs)
