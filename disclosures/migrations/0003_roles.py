"""Create the staff roles (录入员, 审核员, 管理员) as groups with their permissions."""
from django.db import migrations


def create_roles(apps, schema_editor):
    from disclosures.roles import sync_groups

    sync_groups(apps)


def remove_roles(apps, schema_editor):
    from disclosures.roles import role_permissions

    apps.get_model("auth", "Group").objects.filter(name__in=role_permissions()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0002_permissions"),
        ("performance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
