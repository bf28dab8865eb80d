"""A finding: one accounting identity (勾稽关系) or consistency rule a disclosure breaks.

Findings are derived data: ``run_checks`` replaces a disclosure's findings after every ingest
and edit. A reviewer's override (who, why, when) survives the rerun while the same finding, with
the same amounts, recurs (matched by ``key``).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Finding(models.Model):
    class Severity(models.TextChoices):
        ERROR = "error", _("错误")
        WARNING = "warning", _("警告")
        INFO = "info", _("提示")

    disclosure = models.ForeignKey(
        "disclosures.Disclosure", models.CASCADE, related_name="findings", verbose_name=_("公开文件")
    )
    rule = models.CharField(_("规则"), max_length=10, db_index=True)
    title = models.CharField(_("规则名称"), max_length=100)
    severity = models.CharField(_("级别"), max_length=10, choices=Severity.choices, db_index=True)
    message = models.TextField(_("说明"))
    expected = models.DecimalField(
        _("应为"), max_digits=22, decimal_places=4, null=True, blank=True,
        help_text=_("按勾稽关系算得的数（文件的金额单位；百分比规则为百分点）"),
    )
    actual = models.DecimalField(_("印出数"), max_digits=22, decimal_places=4, null=True, blank=True)
    difference = models.DecimalField(_("差额"), max_digits=22, decimal_places=4, null=True, blank=True)
    key = models.CharField(_("标识"), max_length=40, db_index=True,
                           help_text=_("同一规则、同一组记录的发现每次重算都得到同一标识"))
    table = models.ForeignKey("disclosures.BudgetTable", models.SET_NULL, null=True, blank=True,
                              related_name="findings", verbose_name=_("表"))
    lines = models.ManyToManyField("disclosures.BudgetLine", blank=True, related_name="findings",
                                   verbose_name=_("相关行"))
    project = models.ForeignKey("disclosures.Project", models.SET_NULL, null=True, blank=True,
                                related_name="findings", verbose_name=_("项目"))
    section = models.ForeignKey("disclosures.Section", models.SET_NULL, null=True, blank=True,
                                related_name="findings", verbose_name=_("说明章节"))
    target = models.ForeignKey("performance.PerformanceTarget", models.SET_NULL, null=True, blank=True,
                               related_name="findings", verbose_name=_("绩效目标"))
    indicator = models.ForeignKey("performance.Indicator", models.SET_NULL, null=True, blank=True,
                                  related_name="findings", verbose_name=_("绩效指标"))
    created_at = models.DateTimeField(_("检查时间"), auto_now_add=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                      related_name="overridden_findings", verbose_name=_("核定人"))
    override_reason = models.TextField(_("核定理由"), blank=True)
    overridden_at = models.DateTimeField(_("核定时间"), null=True, blank=True)

    class Meta:
        ordering = ["disclosure_id", "id"]
        # a disclosure's counts by severity (the dashboard) read from the index alone
        indexes = [models.Index(fields=["disclosure", "severity", "overridden_by"], name="finding_counts")]
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")

    def __str__(self):
        return f"{self.rule} {self.get_severity_display()}：{self.message[:60]}"

    @property
    def overridden(self):
        return self.overridden_by_id is not None


class FindingOverride(models.Model):
    """The log of one 放行: who let which error pass, when and why.

    Findings are replaced on every rerun of the checks, so the log keeps its own copy of the
    finding's rule and message.
    """

    disclosure = models.ForeignKey(
        "disclosures.Disclosure", models.CASCADE, related_name="overrides", verbose_name=_("公开文件")
    )
    rule = models.CharField(_("规则"), max_length=10)
    key = models.CharField(_("标识"), max_length=40)
    message = models.TextField(_("说明"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("核定人"))
    at = models.DateTimeField(_("核定时间"), auto_now_add=True)
    reason = models.TextField(_("核定理由"))

    class Meta:
        ordering = ["disclosure", "at", "id"]
        verbose_name = _("放行记录")
        verbose_name_plural = _("放行记录")

    def __str__(self):
        return f"{self.rule}：{self.reason[:60]}"
