"""The distinct values of an indexed column without reading every row, for the lists' choice filters.

``SELECT DISTINCT`` reads the whole table (or index) however few values there are. On PostgreSQL a
column that leads an index is read by skipping from one value to the next through the index (a
loose index scan, written as a recursive CTE: https://wiki.postgresql.org/wiki/Loose_indexscan), a
few probes per distinct value. That needs the whole table; a queryset narrowed by a filter (a
clerk's departments), an unindexed column or SQLite take the plain ``DISTINCT``.
"""
from django.db import connections, models

SKIP_SCAN = """
WITH RECURSIVE v AS (
  (SELECT {col} AS x FROM {table} WHERE {col} > '' ORDER BY 1 LIMIT 1)
  UNION ALL
  SELECT (SELECT {col} FROM {table} WHERE {col} > v.x ORDER BY 1 LIMIT 1) FROM v WHERE v.x IS NOT NULL
)
SELECT x FROM v WHERE x IS NOT NULL
"""


def leads_an_index(model, name):
    field = model._meta.get_field(name)
    return (field.db_index or field.unique
            or any(index.fields and index.fields[0] == name for index in model._meta.indexes))


def distinct_values(queryset, name):
    """The distinct non-blank values of the text field ``name`` among ``queryset``'s rows, sorted."""
    connection = connections[queryset.db]
    model = queryset.model
    if connection.vendor == "postgresql" and not queryset.query.where and leads_an_index(model, name):
        quote = connection.ops.quote_name
        sql = SKIP_SCAN.format(col=quote(model._meta.get_field(name).column), table=quote(model._meta.db_table))
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [row[0] for row in cursor.fetchall()]
    return list(queryset.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True}).order_by(name)
                .values_list(name, flat=True).distinct())


def is_text(model, name):
    return isinstance(model._meta.get_field(name), models.CharField) and not model._meta.get_field(name).choices
