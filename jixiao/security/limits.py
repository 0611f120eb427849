"""Column limits enforced on SQLite as PostgreSQL enforces them.

SQLite stores a 300-character name in a varchar(100); PostgreSQL refuses it with a
DataError. Every save checks the length of its text columns first, so both databases
refuse the same input; RefusedInputMiddleware turns a refusal that a view did not catch
into a Chinese 400 page instead of a 500.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver


def too_long(instance) -> dict[str, list[str]]:
    problems = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField) and field.max_length:
            value = getattr(instance, field.attname)
            if isinstance(value, str) and len(value) > field.max_length:
                problems[field.name] = [f"{field.verbose_name}不能超过 {field.max_length} 个字（现在 {len(value)} 个）"]
    return problems


@receiver(pre_save)
def _refuse_overlong_text(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures are loaded as they are
        return
    problems = too_long(instance)
    if problems:
        raise ValidationError(problems)
