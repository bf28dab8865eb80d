"""Give the roles the permissions of the findings and the workflow log added since 0003."""
from django.db import migrations


def sync(apps, schema_editor):
    from disclosures.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0005_finding"),
        ("performance", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
