"""PostgreSQL only: gram indexes (``disclosures.short_search``, function of 0014) on the line fields the
admin searches beside name and project (code and unit), so a one- or two-character admin search of
lines is served by an index on every field it asks. Elsewhere (SQLite) nothing."""
from django.db import migrations

SHORT_GRAMS = {"code": "line_code_grams", "unit_name": "line_unit_name_grams"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for column, index in SHORT_GRAMS.items():
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{index}" ON "disclosures_budgetline" '
                           f'USING gin (disclosures_short_grams(UPPER("{column}"::text)))')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for index in SHORT_GRAMS.values():
            cursor.execute(f'DROP INDEX IF EXISTS "{index}"')


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0017_import_job_roles")]
    operations = [migrations.RunPython(create, drop)]
