from django import template

from jixiao.assessment.domain.numbers import fmt_points

register = template.Library()


@register.filter
def points(value):
    """Points as people write them: 4, 0.5, 87.25."""
    return fmt_points(value)
