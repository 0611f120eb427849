"""Demo units and one login per role, from the source documents."""

from django.contrib.auth import get_user_model

from jixiao.sources.units import UNITS
from jixiao.units.models import Role, RoleKind, Unit

DEMO_PASSWORD = "jixiao-demo-2026"

# (username, display name, unit key, role kinds)
DEMO_USERS = [
    ("yueyang_filler", "岳阳填报人", "yueyang", [RoleKind.FILLER]),
    ("yueyang_reviewer", "岳阳审核人", "yueyang", [RoleKind.REVIEWER]),
    ("yueyang_admin", "岳阳单位管理员", "yueyang", [RoleKind.UNIT_ADMIN]),
    ("yueyang_finance", "岳阳市财政局", "yueyang", [RoleKind.FINANCE_BUREAU]),
    ("lishui_filler", "丽水填报人", "lishui", [RoleKind.FILLER]),
    ("lishui_reviewer", "丽水审核人", "lishui", [RoleKind.REVIEWER]),
    ("lishui_finance", "丽水市财政局", "lishui", [RoleKind.FINANCE_BUREAU]),
    ("jiangmen_filler", "江门填报人", "jiangmen", [RoleKind.FILLER]),
    ("jiangmen_reviewer", "江门审核人", "jiangmen", [RoleKind.REVIEWER]),
    ("ganzhou_filler", "赣州填报人", "ganzhou", [RoleKind.FILLER]),
    ("lianyungang_office", "连云港考核办", "lianyungang", [RoleKind.ASSESSMENT_OFFICE]),
    ("lianyungang_judge", "连云港评委", "lianyungang", [RoleKind.JUDGE]),
    ("donghai_filler", "东海县科协填报人", "donghai", [RoleKind.FILLER]),
    ("ezhou_filler", "鄂州填报人", "ezhou", [RoleKind.FILLER]),
    ("finance_officer", "省财政厅（演示：覆盖六地）", None, [RoleKind.FINANCE_BUREAU]),
]
FINANCE_OFFICER_UNITS = ["hunan", "jiangxi", "guangdong", "zhejiang", "jiangsu", "hubei"]


def load_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for key, name, level, parent_key, fields in UNITS:
        unit, _ = Unit.objects.update_or_create(
            name=name,
            defaults={"level": level, "parent": units.get(parent_key), **fields},
        )
        units[key] = unit
    return units


def load_users(units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    """Create the demo logins; returns (username, display name, roles text) for printing."""
    User = get_user_model()
    printed = []
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "系统管理员"})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    printed.append(("admin", "系统管理员", "系统管理员（全部单位）"))
    for username, display, unit_key, kinds in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": display})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        unit_keys = [unit_key] if unit_key else FINANCE_OFFICER_UNITS
        for key in unit_keys:
            for kind in kinds:
                Role.objects.get_or_create(user=user, unit=units[key], kind=kind)
        roles_text = "、".join(f"{units[key].display_name}{RoleKind(kind).label}" for key in unit_keys[:1] for kind in kinds)
        if not unit_key:
            roles_text = "六省科协及其下属单位 · 财政部门（只读）"
        printed.append((username, display, roles_text))
    return printed
