"""What OCR read: the disclosure read by OCR, each amount cell's OCR confidence; disclosures on record
whose warnings say they were scanned are marked (their cells' confidences were not kept then)."""

from django.db import migrations, models

OCR_PREFIX = "本文件为扫描件，经 OCR 识别"


def mark_scanned(apps, schema_editor):
    Disclosure = apps.get_model("disclosures", "Disclosure")
    scanned = [pk for pk, warnings in Disclosure.objects.values_list("pk", "warnings").iterator()
               if any((isinstance(w, dict) and w.get("kind") == "ocr")
                      or (isinstance(w, str) and w.startswith(OCR_PREFIX)) for w in warnings or ())]
    Disclosure.objects.filter(pk__in=scanned).update(read_by_ocr=True)


class Migration(migrations.Migration):

    dependencies = [
        ('disclosures', '0019_import_job_preview'),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosure',
            name='read_by_ocr',
            field=models.BooleanField(default=False, editable=False, help_text='扫描件，金额由 OCR 识别：请对照扫描件核对', verbose_name='经 OCR 识别'),
        ),
        migrations.AddField(
            model_name='historicaldisclosure',
            name='read_by_ocr',
            field=models.BooleanField(default=False, editable=False, help_text='扫描件，金额由 OCR 识别：请对照扫描件核对', verbose_name='经 OCR 识别'),
        ),
        migrations.AddField(
            model_name='historicallineamount',
            name='ocr_confidence',
            field=models.DecimalField(blank=True, decimal_places=3, editable=False, max_digits=4, null=True, verbose_name='OCR 识别置信度'),
        ),
        migrations.AddField(
            model_name='lineamount',
            name='ocr_confidence',
            field=models.DecimalField(blank=True, decimal_places=3, editable=False, max_digits=4, null=True, verbose_name='OCR 识别置信度'),
        ),
        migrations.RunPython(mark_scanned, migrations.RunPython.noop),
    ]
