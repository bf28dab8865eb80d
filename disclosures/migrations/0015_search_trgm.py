"""PostgreSQL only, for the site search (``disclosures.search``): trigram indexes on department names and
narrative section headings and text, which 0012 left out; and gram indexes (``disclosures.short_search``,
function of 0014) on the line and project fields the search matches beside their names, so a one- or
two-character search of lines or projects is served by indexes on every field it asks. Elsewhere (SQLite)
this migration does nothing; without pg_trgm the trigram indexes are left out, as in 0012."""
from django.db import DatabaseError, migrations, transaction

TRIGRAM = {"disclosures_department": ("name",), "disclosures_section": ("heading", "text")}
SHORT_GRAMS = {("disclosures_budgetline", "project"): "line_project_grams",
               ("disclosures_project", "unit_name"): "project_unit_name_grams"}


def trigram_name(table, column):
    return f"{table.removeprefix('disclosures_')}_{column}_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for (table, column), index in SHORT_GRAMS.items():
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
                           f'USING gin (disclosures_short_grams(UPPER("{column}"::text)))')
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:  # not allowed here: the search works unindexed
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
        names = [trigram_name(table, column) for table, columns in TRIGRAM.items() for column in columns]
        for index in [*names, *SHORT_GRAMS.values()]:
            cursor.execute(f'DROP INDEX IF EXISTS "{index}"')


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0014_line_total_and_short_search")]
    operations = [migrations.RunPython(create, drop)]
