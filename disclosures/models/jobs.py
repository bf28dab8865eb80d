"""A file queued for import in the background (disclosures/tasks.py) and what became of it.

A preview job stops at ``ready``: its parse waits as a PendingImport (the one the admin preview always
confirmed, so confirming saves exactly what was shown and never parses again) beside the findings the
checks would give it; its uploader confirms or discards it. Other jobs (the command line, a batch) save
at once.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        PARSING = "parsing", _("解析中")
        CHECKING = "checking", _("校验中")
        READY = "ready", _("待确认")
        SAVED = "saved", _("已保存")
        FAILED = "failed", _("失败")

    class Outcome(models.TextChoices):
        CREATED = "created", _("已创建")
        UNCHANGED = "unchanged", _("未改变（同一文件已导入）")
        NEW_VERSION = "new_version", _("已创建新版本")
        FAILED = "failed", _("失败")

    # The worker has nothing more to do (a ready job waits for its uploader, not for a worker).
    FINISHED = (Status.READY, Status.SAVED, Status.FAILED)

    source = models.FileField(_("上传文件"), upload_to="jobs/")
    source_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="import_jobs",
        verbose_name=_("上传人"),
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status, default=Status.QUEUED)
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome, blank=True)
    message = models.TextField(_("说明"), blank=True)
    preview = models.BooleanField(_("预览后确认"), default=False)
    batch = models.UUIDField(_("批次"), null=True, blank=True, db_index=True)
    department = models.CharField(_("部门"), max_length=200, blank=True)
    pages_done = models.PositiveIntegerField(_("已读页数"), default=0)
    pages_total = models.PositiveIntegerField(_("总页数"), default=0)
    pending = models.OneToOneField(
        "PendingImport", models.SET_NULL, null=True, blank=True, related_name="job", verbose_name=_("待确认导入")
    )
    findings = models.JSONField(_("检查发现"), default=list, blank=True)
    disclosure = models.ForeignKey(
        "Disclosure", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("公开文件")
    )
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("排队时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台导入")
        verbose_name_plural = _("后台导入")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.source_name

    @property
    def finished(self):
        return self.status in self.FINISHED

    @property
    def percent(self):
        """How far the parse has read, 0–100 (100 once past parsing)."""
        if self.status not in (self.Status.QUEUED, self.Status.PARSING):
            return 100
        return 100 * self.pages_done // self.pages_total if self.pages_total else 0
