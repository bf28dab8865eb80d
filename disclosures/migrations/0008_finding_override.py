"""A log of 放行 that outlives the findings it passed; the roles get its permissions."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def sync(apps, schema_editor):
    from disclosures.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('disclosures', '0007_returned_status'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FindingOverride',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rule', models.CharField(max_length=10, verbose_name='规则')),
                ('key', models.CharField(max_length=40, verbose_name='标识')),
                ('message', models.TextField(verbose_name='说明')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='核定时间')),
                ('reason', models.TextField(verbose_name='核定理由')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='核定人')),
                ('disclosure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='overrides', to='disclosures.disclosure', verbose_name='公开文件')),
            ],
            options={
                'verbose_name': '放行记录',
                'verbose_name_plural': '放行记录',
                'ordering': ['disclosure', 'at', 'id'],
            },
        ),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
