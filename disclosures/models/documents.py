"""The published document and its life: departments, disclosures, versions, the workflow's log, uploads.

Records are editable only while their disclosure is; its status changes only through the workflow's
transitions (the field is protected).
"""
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from disclosures import access


class Sourced(models.Model):
    """Where a record was printed: its PDF page and, where the parser knows it, its box."""

    source_page = models.PositiveIntegerField(_("页码"), null=True, blank=True)
    source_bbox = models.JSONField(_("位置"), null=True, blank=True)

    class Meta:
        abstract = True


class Department(models.Model):
    """A budget department (主管部门) that publishes disclosures."""

    name = models.CharField(_("部门名称"), max_length=200, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="departments", verbose_name=_("负责人员"),
        help_text=_("录入员只能查看和编辑其负责部门的数据"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self):
        return self.name


def may_review(disclosure, user):
    """Four eyes: a reviewer may decide on any disclosure but one they uploaded themselves."""
    return user.has_perm("disclosures.approve_disclosure") and disclosure.uploaded_by_id != user.pk


def may_submit(disclosure, user):
    """A clerk responsible for the department (or a manager) sends its draft for review."""
    return user.has_perm("disclosures.submit_disclosure") and access.may(user, access.CHANGE, disclosure)


def may_withdraw(disclosure, user):
    """Only the clerk who submitted the disclosure may take the submission back."""
    submitter = (disclosure.status_changes.filter(transition="submit").order_by("-at", "-id")
                 .values_list("by_id", flat=True).first())
    return user.has_perm("disclosures.submit_disclosure") and submitter == user.pk


def has_no_open_errors(disclosure):
    """Error findings block approval until a reviewer overrides each with a reason."""
    return not disclosure.open_errors().exists()


class Disclosure(FSMModelMixin, models.Model):
    """One published document: a department's budget or final accounts for one year.

    Re-publishing creates a new version; exactly one version per department, year and
    kind is current.
    """

    class Kind(models.TextChoices):
        BUDGET = "budget", _("部门预算")
        FINAL_ACCOUNTS = "final_accounts", _("部门决算")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("已退回")
        APPROVED = "approved", _("已审核")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
    # Too big to load with every row of a list: the parsed original, the texts and the warnings.
    HEAVY_FIELDS = ("parsed", "functions", "offices", "warnings")

    department = models.ForeignKey(
        Department, models.PROTECT, related_name="disclosures", verbose_name=_("部门")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.BUDGET)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("当前版本"), default=True)
    status = FSMField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True,
                      protected=True)
    source_pdf = models.FileField(_("源文件"), upload_to="disclosures/%Y/", blank=True)
    source_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    page_count = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    amount_unit = models.CharField(_("金额单位"), max_length=10)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    functions = models.TextField(_("主要职能"), blank=True)
    offices = models.JSONField(_("内设机构"), default=list, blank=True)
    parsed = models.JSONField(_("解析原件"), help_text=_("解析得到的原始数据，编辑不会改变它"))
    warnings = models.JSONField(_("解析警告"), default=list, blank=True)
    read_by_ocr = models.BooleanField(_("经 OCR 识别"), default=False, editable=False,
                                      help_text=_("扫描件，金额由 OCR 识别：请对照扫描件核对"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="uploaded_disclosures",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year", "department__name", "kind", "-version"]
        verbose_name = _("预算公开文件")
        verbose_name_plural = _("预算公开文件")
        permissions = [
            ("submit_disclosure", _("可以提交审核")),
            ("approve_disclosure", _("可以审核通过或退回")),
        ]
        indexes = [
            # the dashboard's status counts and the lists' current-version filter
            models.Index(fields=["is_current", "status"], name="disclosure_current_status"),
            # what awaits a reviewer, oldest first
            models.Index(fields=["status", "uploaded_at", "id"], name="disclosure_awaiting"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "fiscal_year", "kind"],
                condition=Q(is_current=True),
                name="one_current_version",
            ),
            models.UniqueConstraint(
                fields=["department", "fiscal_year", "kind", "version"], name="unique_version"
            ),
        ]

    def __str__(self):
        return f"{self.department} {self.fiscal_year} {self.get_kind_display()} v{self.version}"

    def get_absolute_url(self):
        return reverse("disclosures:disclosure", args=[self.pk])

    @staticmethod
    def checksum(data):
        return hashlib.sha256(data).hexdigest()

    @property
    def is_editable(self):
        """Records can be corrected only while the disclosure is a draft or returned."""
        return self.status in self.EDITABLE_STATUSES

    @transition(field=status, source=EDITABLE_STATUSES, target=Status.SUBMITTED, permission=may_submit)
    def submit(self):
        """A clerk sends the disclosure for review."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.DRAFT, permission=may_withdraw)
    def withdraw(self):
        """The clerk who submitted takes the submission back before a reviewer decides."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.APPROVED,
                permission=may_review, conditions=[has_no_open_errors])
    def approve(self):
        """A reviewer other than the uploader approves; open errors must be overridden first."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED,
                permission=may_review)
    def send_back(self):
        """A reviewer returns the disclosure to its clerk with a comment."""

    def open_errors(self):
        return self.findings.filter(severity="error", overridden_by__isnull=True)


class StatusChange(models.Model):
    """One workflow transition: who moved the disclosure from which status to which, and why."""

    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="status_changes", verbose_name=_("公开文件")
    )
    transition = models.CharField(_("操作"), max_length=20)
    source = models.CharField(_("原状态"), max_length=20, choices=Disclosure.Status.choices)
    target = models.CharField(_("新状态"), max_length=20, choices=Disclosure.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("操作人"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        ordering = ["disclosure", "at", "id"]
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")

    def __str__(self):
        return f"{self.get_source_display()} → {self.get_target_display()}"


class PendingImport(models.Model):
    """An uploaded file parsed and awaiting confirmation on the preview page.

    Confirming saves exactly this parsed result (the file is not parsed twice);
    cancelling deletes it.
    """

    source = models.FileField(_("上传文件"), upload_to="pending/")
    source_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    page_count = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    parsed = models.JSONField(_("解析结果"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="pending_imports", verbose_name=_("上传人")
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("待确认导入")
        verbose_name_plural = _("待确认导入")

    def __str__(self):
        return self.source_name
