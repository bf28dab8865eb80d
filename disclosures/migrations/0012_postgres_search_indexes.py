"""PostgreSQL only: trigram indexes for the ``contains`` filters and searches (``startswith`` on codes
uses the ``varchar_pattern_ops`` index Django makes for the indexed ``code``). Elsewhere (SQLite) this
migration does nothing.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Where it cannot
be created, the trigram indexes are left out and the filters still work, unindexed. The indexes are
on ``UPPER(col::text)``, the expression Django's ``icontains`` compares on PostgreSQL.
"""
from django.db import DatabaseError, migrations, transaction

TRIGRAM = {  # table: columns searched with icontains (review filters, admin search)
    "disclosures_budgetline": ("name", "code", "unit_name", "project"),
    "disclosures_project": ("name", "unit_name"),
}


def trigram_name(table, column):
    return f"{table.removeprefix('disclosures_')}_{column}_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:  # not allowed here: the filters work unindexed
            return
        for table, columns in TRIGRAM.items():
            for column in columns:
                cursor.execute(f'CREATE INDEX IF NOT EXISTS "{trigram_name(table, column)}" ON "{table}" '
                               f'USING gin (UPPER("{column}"::text) gin_trgm_ops)')


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, columns in TRIGRAM.items():
            for column in columns:
                cursor.execute(f'DROP INDEX IF EXISTS "{trigram_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0011_scale_indexes")]
    operations = [migrations.RunPython(create, drop)]
