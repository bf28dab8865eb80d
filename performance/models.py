"""Performance targets (绩效目标表) and their indicators."""
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosures.models import Disclosure, Sourced


class PerformanceTarget(Sourced):
    """A 部门整体 or 项目支出 performance target table."""

    class Scope(models.TextChoices):
        DEPARTMENT = "department", _("部门整体")
        PROJECT = "project", _("项目支出")

    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="targets", verbose_name=_("公开文件")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    scope = models.CharField(_("范围"), max_length=20, choices=Scope.choices)
    unit_name = models.CharField(_("预算单位"), max_length=200, blank=True)
    project = models.CharField(_("项目名称"), max_length=300, blank=True)
    owner = models.CharField(_("负责人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    funds = models.JSONField(
        _("资金"), default=dict, blank=True, help_text=_("年度预算总额、财政拨款、其他资金（原文金额）")
    )
    goal = models.TextField(_("年度目标"), blank=True)
    pages = models.JSONField(_("页码"), default=list)
    history = HistoricalRecords()

    class Meta:
        ordering = ["disclosure_id", "order"]
        verbose_name = _("绩效目标")
        verbose_name_plural = _("绩效目标")

    def __str__(self):
        return self.project or self.unit_name

    def fund(self, key):
        """The fund ``key`` (total, fiscal, other, …) as Decimal, or None."""
        value = self.funds.get(key)
        return Decimal(value) if value not in (None, "") else None


class Indicator(Sourced):
    """One 三级指标 row with its levels, target and scoring."""

    class Comparator(models.TextChoices):
        GE = ">=", "≥"
        LE = "<=", "≤"
        GT = ">", ">"
        LT = "<", "<"
        EQ = "=", "="

    target = models.ForeignKey(
        PerformanceTarget, models.CASCADE, related_name="indicators", verbose_name=_("绩效目标")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    level1 = models.CharField(_("一级指标"), max_length=100)
    level2 = models.CharField(_("二级指标"), max_length=100)
    name = models.CharField(_("三级指标"), max_length=300)
    target_text = models.CharField(_("指标值"), max_length=200, blank=True)
    comparator = models.CharField(_("比较符"), max_length=2, choices=Comparator.choices, blank=True)
    target_value = models.CharField(_("目标数值"), max_length=40, blank=True)
    target_unit = models.CharField(_("计量单位"), max_length=40, blank=True)
    basis = models.TextField(_("指标值设置依据"), blank=True)
    prior_value = models.CharField(_("上年完成值"), max_length=200, blank=True)
    weight = models.DecimalField(_("分值权重"), max_digits=8, decimal_places=2, null=True, blank=True)
    scoring_rule = models.CharField(_("指标赋分规则"), max_length=300, blank=True)
    evidence = models.JSONField(_("佐证资料"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target_id", "order"]
        indexes = [
            models.Index(fields=["target", "order", "-id"], name="indicator_target_order"),
            models.Index(fields=["level1"], name="indicator_level1"),
            models.Index(fields=["level2"], name="indicator_level2"),
        ]
        verbose_name = _("绩效指标")
        verbose_name_plural = _("绩效指标")

    def __str__(self):
        return self.name
