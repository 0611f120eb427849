"""What an approval froze, kept as JSON: the ReportData every document prints, and back.

A dataclass is stored with its class path and fields (Decimal and dates as text),
so a document of an approved version is built by the same renderers from the same
values, whatever changed in the database afterwards.
"""

import dataclasses
import enum
import importlib
from datetime import date, datetime
from decimal import Decimal

FORMAT = 1


def _path(kind) -> str:
    return f"{kind.__module__}:{kind.__qualname__}"


def _class(path: str):
    module, _, name = path.partition(":")
    if not module.startswith("jixiao.") and module != "django.db.models.enums":
        raise ValueError(f"snapshot names a class outside jixiao: {path}")
    kind = importlib.import_module(module)
    for part in name.split("."):
        kind = getattr(kind, part)
    return kind


def freeze(value):
    if isinstance(value, enum.Enum):
        return {"$enum": _path(type(value)), "v": freeze(value.value)}
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [freeze(item) for item in value]}
    if isinstance(value, list):
        return [freeze(item) for item in value]
    if isinstance(value, set | frozenset):
        return {"$set": [freeze(item) for item in sorted(value, key=repr)]}
    if isinstance(value, dict):
        return {"$map": [[freeze(key), freeze(item)] for key, item in value.items()]}
    if dataclasses.is_dataclass(value):
        kind = type(value)
        fields = {f.name: freeze(getattr(value, f.name)) for f in dataclasses.fields(value)
                  if f.init and not f.name.startswith("_")}
        return {"$dc": _path(kind), "f": fields}
    raise TypeError(f"cannot keep {type(value).__name__} in a snapshot")


def thaw(value):
    if isinstance(value, list):
        return [thaw(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$d" in value:
        return Decimal(value["$d"])
    if "$dt" in value:
        return datetime.fromisoformat(value["$dt"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$t" in value:
        return tuple(thaw(item) for item in value["$t"])
    if "$map" in value:
        return {thaw(key): thaw(item) for key, item in value["$map"]}
    if "$set" in value:
        return frozenset(thaw(item) for item in value["$set"])
    if "$enum" in value:
        return _class(value["$enum"])(thaw(value["v"]))
    return _class(value["$dc"])(**{key: thaw(item) for key, item in value["f"].items()})
