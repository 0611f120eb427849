"""Use cases of a unit: saving its profile without losing anyone's change."""

from django.db import transaction

from jixiao.units.models import Unit


class StaleProfile(Exception):
    """The profile changed after the user opened it; nothing was saved. `latest` is the stored unit."""

    message = "保存失败：您打开本页后，其他人已修改了单位信息。您填写的内容仍保留在页面上，字段旁注明了他人保存的值；请核对后再保存。"

    def __init__(self, latest: Unit):
        super().__init__(self.message)
        self.latest = latest


@transaction.atomic
def save_profile(unit: Unit, values: dict, user, expected_revision: int) -> Unit:
    """Store the given profile fields (a field not given stays as it is), or raise StaleProfile."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.revision != expected_revision:
        raise StaleProfile(locked)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.revision += 1
    locked._history_user = user
    locked.save()
    return locked
