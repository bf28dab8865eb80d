"""PostgreSQL only: trigram indexes for the indicator list's ``contains`` filters (see disclosures 0012)."""
from django.db import migrations


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:  # disclosures 0012 could not create it: filters stay unindexed
            return
        for table, column in (("performance_indicator", "name"), ("performance_performancetarget", "project")):
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" '
                           f'USING gin (UPPER("{column}"::text) gin_trgm_ops)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, column in (("performance_indicator", "name"), ("performance_performancetarget", "project")):
            cursor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [("performance", "0002_scale_indexes"), ("disclosures", "0012_postgres_search_indexes")]
    operations = [migrations.RunPython(create, drop)]
