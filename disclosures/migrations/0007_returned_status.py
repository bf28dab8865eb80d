"""退回 becomes its own status, 已退回.

Disclosures sent back before this migration are drafts whose latest transition is a
send_back: they become 已退回.
"""
import django_fsm
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def mark_returned(apps, schema_editor):
    Disclosure = apps.get_model("disclosures", "Disclosure")
    StatusChange = apps.get_model("disclosures", "StatusChange")
    latest = StatusChange.objects.filter(disclosure=OuterRef("pk")).order_by("-at", "-id")
    (Disclosure.objects.filter(status="draft")
     .annotate(last=Subquery(latest.values("transition")[:1])).filter(last="send_back")
     .update(status="returned"))


def unmark_returned(apps, schema_editor):
    apps.get_model("disclosures", "Disclosure").objects.filter(status="returned").update(status="draft")


class Migration(migrations.Migration):

    dependencies = [
        ('disclosures', '0006_finding_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='disclosure',
            name='status',
            field=django_fsm.FSMField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('approved', '已审核')], db_index=True, default='draft', max_length=20, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='historicaldisclosure',
            name='status',
            field=django_fsm.FSMField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('approved', '已审核')], db_index=True, default='draft', max_length=20, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='source',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('approved', '已审核')], max_length=20, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='target',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('returned', '已退回'), ('approved', '已审核')], max_length=20, verbose_name='新状态'),
        ),
        migrations.RunPython(mark_returned, unmark_returned),
    ]
