"""Writing the changed fields of many rows of one model: one UPDATE statement, sent once per row (executemany).

Django's bulk_update builds one `CASE WHEN id = … THEN …` expression per field over every row; for a
40-sub-unit workbook (hundreds of changed cells, then their findings) building and resolving those
expressions cost more CPU than the rest of the import together. A parametrised statement executed for
each row costs the database the same and Python almost nothing. Like bulk_update, no signals are sent
and no save() is called: callers record history themselves (simple_history's bulk helpers).
"""

from django.db import connections, router


def update_rows(objs: list, fields: list[str]) -> int:
    """Store `fields` of each object (all of one model, with a primary key) in its row; returns how many objects."""
    if not objs:
        return 0
    model = type(objs[0])
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(field.column)} = %s' for field in columns)} "
           f"WHERE {quote(meta.pk.column)} = %s")
    rows = [[field.get_db_prep_save(getattr(obj, field.attname), connection) for field in columns] + [obj.pk]
            for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(objs)
