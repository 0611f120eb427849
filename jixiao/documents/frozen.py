"""What an approval froze, kept as JSON: the ReportData every document prints, and back.

A dataclass is stored with its class path and fields (Decimal and dates as text),
so a document of an approved version is built by the same renderers from the same
values, whatever changed in the database afterwards.
"""

import dataclasses
import importlib
from datetime import date, datetime
from decimal import Decimal

FORMAT = 1


def freeze(value):
    if value is None or isinstance(value, bool | int | str):
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
    if isinstance(value, dict):
        return {"$map": [[freeze(key), freeze(item)] for key, item in value.items()]}
    if dataclasses.is_dataclass(value):
        kind = type(value)
        fields = {f.name: freeze(getattr(value, f.name)) for f in dataclasses.fields(value)
                  if f.init and not f.name.startswith("_")}
        return {"$dc": f"{kind.__module__}:{kind.__qualname__}", "f": fields}
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
    module, _, name = value["$dc"].partition(":")
    if not module.startswith("jixiao."):
        raise ValueError(f"snapshot names a class outside jixiao: {value['$dc']}")
    kind = importlib.import_module(module)
    for part in name.split("."):
        kind = getattr(kind, part)
    return kind(**{key: thaw(item) for key, item in value["f"].items()})
