from django import template

from jixiao.checks.links import place_links as links_of

register = template.Library()


@register.simple_tag
def place_links(finding):
    """{% place_links finding as places %}: (label, link) for each place the finding names."""
    return links_of(finding)
