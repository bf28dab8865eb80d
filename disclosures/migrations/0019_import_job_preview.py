"""Preview jobs: status ready, progress in pages, the department, the batch, the kept parse and its findings."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disclosures', '0018_line_code_unit_grams'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='batch',
            field=models.UUIDField(blank=True, db_index=True, null=True, verbose_name='批次'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='department',
            field=models.CharField(blank=True, max_length=200, verbose_name='部门'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='findings',
            field=models.JSONField(blank=True, default=list, verbose_name='检查发现'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='pages_done',
            field=models.PositiveIntegerField(default=0, verbose_name='已读页数'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='pages_total',
            field=models.PositiveIntegerField(default=0, verbose_name='总页数'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='pending',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='job', to='disclosures.pendingimport', verbose_name='待确认导入'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='preview',
            field=models.BooleanField(default=False, verbose_name='预览后确认'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='status',
            field=models.CharField(choices=[('queued', '排队中'), ('parsing', '解析中'), ('checking', '校验中'), ('ready', '待确认'), ('saved', '已保存'), ('failed', '失败')], default='queued', max_length=16, verbose_name='状态'),
        ),
    ]
