"""Which units a person may see or change. Every view and export goes through these."""

from django.db.models import Q, QuerySet

from jixiao.units.models import Role, RoleKind, Unit

# Roles that may change a unit's figures and goals.
EDITING_ROLES = {RoleKind.FILLER, RoleKind.UNIT_ADMIN}
# Roles that may read a unit's figures, goals and evaluations. A judge's role is
# for the assessment only and opens nothing else.
READING_ROLES = set(RoleKind.values) - {RoleKind.JUDGE}


def covering_roles(user, unit: Unit, kinds=None) -> QuerySet[Role]:
    """The user's roles held on `unit` or on one of its ancestors."""
    if not user.is_authenticated:
        return Role.objects.none()
    roles = Role.objects.filter(user=user, unit_id__in=unit.ancestor_ids())
    if kinds is not None:
        roles = roles.filter(kind__in=list(kinds))
    return roles


def roles_of(user) -> list[tuple[int, str]]:
    """(unit id, kind) of every role the user holds, read once per user object. A request has its own
    user object, so a page asking ten permissions (the accounts page does) reads the roles once, and a
    role granted in one request counts from the next."""
    roles = getattr(user, "_jixiao_roles", None)
    if roles is None:
        roles = list(Role.objects.filter(user=user).values_list("unit_id", "kind"))
        user._jixiao_roles = roles
    return roles


def has_role(user, unit: Unit, kinds=READING_ROLES) -> bool:
    """A role on `unit` or on one of its ancestors, of one of `kinds` (None: any kind)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    ancestors = set(unit.ancestor_ids())
    wanted = None if kinds is None else set(kinds)
    return any(unit_id in ancestors and (wanted is None or kind in wanted) for unit_id, kind in roles_of(user))


def visible_units(user, kinds=READING_ROLES) -> QuerySet[Unit]:
    """Every unit the user holds a role on, and every unit below those."""
    if not user.is_authenticated:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    roles = Role.objects.filter(user=user)
    if kinds is not None:
        roles = roles.filter(kind__in=list(kinds))
    paths = list(roles.values_list("unit__path", flat=True).distinct())
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)
