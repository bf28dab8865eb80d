"""Departments and their staff become the managers' alone: clerks lose add/change of departments."""
from django.db import migrations


def sync(apps, schema_editor):
    from disclosures.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0009_status_protected"),
        ("performance", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
