"""The lines' copy of their 合计 amount with its sort index, filled from the cells; and, on PostgreSQL
only, GIN indexes on the one- and two-character substrings of line and project names (see
``disclosures.short_search``), for the searches too short for the trigram indexes of 0012."""
from django.db import migrations, models

SHORT_GRAMS = {"disclosures_budgetline": "line_name_grams", "disclosures_project": "project_name_grams"}

FUNCTION = """
CREATE OR REPLACE FUNCTION disclosures_short_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(t, i, n)), '{}')
    FROM generate_series(1, 2) AS n, generate_series(1, char_length(t) - n + 1) AS i
$$
"""


def fill_totals(apps, schema_editor):
    BudgetLine, LineAmount = apps.get_model("disclosures", "BudgetLine"), apps.get_model("disclosures", "LineAmount")
    total = LineAmount.objects.filter(line=models.OuterRef("pk"), column="total").values("amount")[:1]
    BudgetLine.objects.using(schema_editor.connection.alias).update(total_amount=models.Subquery(total))


def create_short_grams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table, index in SHORT_GRAMS.items():
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
                           f'USING gin (disclosures_short_grams(UPPER("name"::text)))')


def drop_short_grams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for index in SHORT_GRAMS.values():
            cursor.execute(f'DROP INDEX IF EXISTS "{index}"')
        cursor.execute("DROP FUNCTION IF EXISTS disclosures_short_grams(text)")


class Migration(migrations.Migration):

    dependencies = [
        ('disclosures', '0012_postgres_search_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='budgetline',
            name='total_amount',
            field=models.DecimalField(blank=True, decimal_places=4, editable=False, max_digits=20, null=True, verbose_name='合计'),
        ),
        migrations.AddField(
            model_name='historicalbudgetline',
            name='total_amount',
            field=models.DecimalField(blank=True, decimal_places=4, editable=False, max_digits=20, null=True, verbose_name='合计'),
        ),
        migrations.AddIndex(
            model_name='budgetline',
            index=models.Index(fields=['total_amount', 'id'], name='line_total_sort'),
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
        migrations.RunPython(create_short_grams, drop_short_grams),
    ]
