"""Loading a unit for a request: 404 for anyone without a role covering it.

A 404 (not 403) so that a unit's existence is not revealed to outsiders. Every
refusal is logged as a structured line (event=access_denied) on the security log.
"""

import logging

from django.http import Http404
from django.shortcuts import get_object_or_404

from jixiao.units.models import Unit

security_log = logging.getLogger("jixiao.security")


def _denied(user, perm: str, obj) -> None:
    name = user.get_username() if user.is_authenticated else "anonymous"
    security_log.info("event=access_denied user=%s perm=%s object=%s:%s", name, perm, type(obj).__name__, getattr(obj, "pk", "-"))


def unit_for(user, unit_id, perm: str = "units.view_unit") -> Unit:
    unit = get_object_or_404(Unit, pk=unit_id)
    if not user.has_perm(perm, unit):
        _denied(user, perm, unit)
        raise Http404("无权访问该单位")
    return unit


def require(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        _denied(user, perm, obj)
        raise Http404("无权访问")
