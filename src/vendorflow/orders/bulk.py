"""Many-row INSERT and UPDATE in one `executemany` each, for the importer's hot path.

Django's `bulk_create` splits rows into batches of 999 parameters on SQLite, so a 100-PO page of
20 lines would take dozens of statements. These helpers send one prepared statement with many
parameter sets instead, converting values through the model fields exactly as Django would.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Values of these field types go to the database driver unchanged.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def _converter(field: models.Field):
    if isinstance(field, _PLAIN_FIELDS):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _insert_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _fill(field: models.Field, row: Mapping[str, Any], now) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return row.get(field.name, now)
    if field.name in row:
        return row[field.name]
    if field.attname in row:
        return row[field.attname]
    return field.get_default()


def insert_rows(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT `rows` (dicts of field name → value); absent fields take their model default."""
    if not rows:
        return
    fields = _insert_fields(model)
    now = timezone.now()
    converters = [_converter(f) for f in fields]
    params = [
        tuple(
            _fill(f, row, now) if conv is None else conv(_fill(f, row, now))
            for f, conv in zip(fields, converters, strict=True)
        )
        for row in rows
    ]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def update_objects(objs: Sequence[models.Model], field_names: Sequence[str]) -> None:
    """UPDATE the named fields of each instance from its attributes; `auto_now` fields refresh."""
    if not objs:
        return
    model = type(objs[0])
    fields = [model._meta.get_field(name) for name in field_names]
    auto = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    now = timezone.now()
    params = [
        tuple(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields)
        + tuple(f.get_db_prep_save(now, connection) for f in auto)
        + (obj.pk,)
        for obj in objs
    ]
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(f.column)} = %s" for f in [*fields, *auto])
    pk_column = qn(model._meta.pk.column)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {assignments} WHERE {pk_column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
