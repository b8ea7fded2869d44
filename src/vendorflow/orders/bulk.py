"""Many-row INSERT and UPDATE in one `executemany` each, for the importer's hot path.

Django's `bulk_create` splits rows into batches of 999 parameters on SQLite, so a 100-PO page of
20 lines would take dozens of statements. These helpers send one prepared statement with many
parameter sets instead, converting values through the model fields exactly as Django would.
"""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

import orjson
from django.conf import settings
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
    """How a Python value of `field` becomes a driver value; None when it needs no conversion."""
    if isinstance(field, _PLAIN_FIELDS):
        return None
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime if _utc_sqlite() else connection.ops.adapt_datetimefield_value
    if isinstance(field, models.JSONField) and field.encoder is None:
        return lambda value: _json(field, value)
    if isinstance(field, models.DecimalField):
        return lambda value: (
            value
            if value is None or isinstance(value, Decimal)
            else field.get_db_prep_save(value, connection)
        )
    return lambda value: field.get_db_prep_save(value, connection)


def _utc_sqlite() -> bool:
    """SQLite stores aware datetimes as naive UTC text; so does `_sqlite_datetime`, faster."""
    return connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone_name == "UTC"


def _sqlite_datetime(value: datetime | None) -> str | None:
    """`adapt_datetimefield_value` of SQLite with USE_TZ in UTC: naive UTC, `str()` format."""
    if value is None:
        return None
    if value.tzinfo is None:
        return connection.ops.adapt_datetimefield_value(value)
    return str(value.astimezone(UTC).replace(tzinfo=None))


class JsonText(str):
    """A JSON value already encoded (as received): written to a JSON column as it is."""


def _json(field: models.JSONField, value: Any) -> Any:
    """A JSON value as the driver takes it, encoded by orjson (several times faster than json);
    what orjson cannot encode (Decimals, non-str keys) goes through the field as usual."""
    if isinstance(value, JsonText):
        text = value.encode()
    else:
        try:
            text = orjson.dumps(value)
        except TypeError:
            return field.get_db_prep_save(value, connection)
    if value is None:
        return None
    if connection.vendor == "postgresql":
        from django.db.backends.postgresql.psycopg_any import Jsonb

        return Jsonb(value, dumps=lambda _value: text.decode())
    return text.decode()


def _field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return field


def _constant(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


def insert_rows(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT `rows` (dicts of field name → value, all with the same keys) in one statement.

    Fields absent from the rows take their model default (`auto_now` fields: the current time).
    """
    if not rows:
        return
    keys = list(rows[0])
    given = [_field(model, key) for key in keys]
    conversions = [(i, conv) for i, f in enumerate(given) if (conv := _converter(f))]
    read = itemgetter(*keys)
    params = []
    for row in rows:
        values = list(read(row)) if len(keys) > 1 else [read(row)]
        for i, conv in conversions:
            values[i] = conv(values[i])
        params.append(values)
    insert_values(model, keys, params)


def insert_values(
    model: type[models.Model], field_names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """INSERT `rows` of values for `field_names`, in that order, in one statement.

    The values go to the driver as they are, so they must be what the driver takes: strings,
    ints, bools, Decimals, None (use `insert_rows` for anything that needs converting). Fields not
    named take their model default (`auto_now` fields: the current time).
    """
    if not rows:
        return
    given = [_field(model, name) for name in field_names]
    rest = [f for f in model._meta.concrete_fields if not f.primary_key and f not in given]
    now = timezone.now()
    defaults = [_prepare(f, _constant(f, now)) for f in rest]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(str(f.column)) for f in [*given, *rest])
    if connection.vendor == "postgresql":
        _copy(f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN", rows, tuple(defaults))
        return
    literals = [_literal(value) for value in defaults]
    constants = tuple(v for v, sql in zip(defaults, literals, strict=True) if sql is None)
    params = [(*row, *constants) for row in rows] if constants else rows
    marks = ", ".join(["%s"] * len(given) + [sql or "%s" for sql in literals])
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _copy(sql: str, rows: Sequence[Sequence[Any]], defaults: tuple) -> None:
    """PostgreSQL: the rows through one COPY, which the server takes several times faster than
    the same rows as INSERTs (constraints, indexes and triggers apply as for INSERT)."""
    # The driver's errors become Django's (a duplicate key: IntegrityError), as for execute().
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))


def _literal(value: Any) -> str | None:
    """The SQL of a default that needs no parameter (NULL, a boolean, a number, ''); None for the
    rest."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "''" if value == "" else None


def _prepare(field: models.Field, value: Any) -> Any:
    conv = _converter(field)
    return value if conv is None else conv(value)


def update_objects(objs: Sequence[models.Model], field_names: Sequence[str]) -> None:
    """UPDATE the named fields of each instance from its attributes; `auto_now` fields refresh."""
    if not objs:
        return
    model = type(objs[0])
    fields = [_field(model, name) for name in field_names]
    auto = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    now = timezone.now()
    params = [
        tuple(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields)
        + tuple(f.get_db_prep_save(now, connection) for f in auto)
        + (obj.pk,)
        for obj in objs
    ]
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(str(f.column))} = %s" for f in [*fields, *auto])
    pk_column = qn(str(model._meta.pk.column))
    sql = f"UPDATE {qn(model._meta.db_table)} SET {assignments} WHERE {pk_column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
