"""Let clerks and managers see the background imports (ImportJob) in the admin."""
from django.db import migrations


def sync(apps, schema_editor):
    from disclosures.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0016_import_job"),
        ("performance", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
