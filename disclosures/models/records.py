"""What a disclosure prints: its budget units, staffing, tables and lines, projects and narrative.

Amounts are stored twice on purpose: as ``Decimal`` for sums and comparisons, and as the
printed string (``"0"`` vs ``"0.00"``) so exports give back exactly what was published.
"""
from decimal import Decimal

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosures.columns import TOTAL_COLUMN, column_label
from disclosures.parsing.numbers import code_level

from .documents import Department, Disclosure, Sourced

OCR_DOUBTFUL_BELOW = Decimal("0.9")  # an OCR reading less sure than this is highlighted for the clerk


class BudgetUnit(models.Model):
    """A budget unit in a disclosure's consolidated budget: 本级 or a subordinate unit."""

    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("行政单位")
        INSTITUTION = "institution", _("事业单位")

    disclosure = models.ForeignKey(
        "Disclosure", models.CASCADE, related_name="units", verbose_name=_("公开文件")
    )
    department = models.ForeignKey(
        Department, models.CASCADE, related_name="units", verbose_name=_("部门")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("单位名称"), max_length=200, db_index=True)
    kind = models.CharField(_("单位性质"), max_length=20, choices=Kind.choices, blank=True)
    is_own_level = models.BooleanField(_("本级"), default=False)

    class Meta:
        ordering = ["disclosure", "order"]
        verbose_name = _("预算单位")
        verbose_name_plural = _("预算单位")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "name"], name="unique_unit_per_disclosure")
        ]

    def __str__(self):
        return self.name


class Staffing(models.Model):
    """编制与人员 as printed in the overview; a decrease is negative."""

    disclosure = models.OneToOneField(Disclosure, models.CASCADE, related_name="staffing")
    authorized = models.IntegerField(_("编制数"), null=True, blank=True)
    actual = models.IntegerField(_("实有人数"), null=True, blank=True)
    active = models.IntegerField(_("在职"), null=True, blank=True)
    active_change = models.IntegerField(_("在职增减"), null=True, blank=True)
    retired = models.IntegerField(_("退休"), null=True, blank=True)
    retired_change = models.IntegerField(_("退休增减"), null=True, blank=True)
    separated = models.IntegerField(_("离休"), null=True, blank=True)
    separated_change = models.IntegerField(_("离休增减"), null=True, blank=True)

    FIELDS = (
        "authorized", "actual", "active", "active_change",
        "retired", "retired_change", "separated", "separated_change",
    )

    class Meta:
        verbose_name = _("人员情况")
        verbose_name_plural = _("人员情况")

    def __str__(self):
        return f"{self.disclosure} 人员情况"


class BudgetTable(models.Model):
    """One numbered table of a disclosure (表1 … 表11)."""

    class Kind(models.TextChoices):
        INCOME_EXPENSE_SUMMARY = "income_expense_summary", _("部门收支总体情况表")
        INCOME_SUMMARY = "income_summary", _("部门收入总体情况表")
        EXPENSE_SUMMARY = "expense_summary", _("部门支出总体情况表")
        FISCAL_SUMMARY = "fiscal_summary", _("财政拨款收支总体情况表")
        GENERAL_BUDGET_EXPENSE = "general_budget_expense", _("一般公共预算支出情况表")
        GENERAL_BUDGET_BASIC_EXPENSE = "general_budget_basic_expense", _("一般公共预算基本支出情况表")
        GENERAL_BUDGET_PROJECT_EXPENSE = "general_budget_project_expense", _("一般公共预算项目支出情况表")
        GOV_FUND_EXPENSE = "gov_fund_expense", _("政府性基金预算支出情况表")
        SOE_CAPITAL_EXPENSE = "soe_capital_expense", _("国有资本经营预算支出情况表")
        THREE_PUBLIC_EXPENSE = "three_public_expense", _("“三公”经费支出情况表")
        CARRYOVER = "carryover", _("上年结转结余情况明细表")

    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="tables", verbose_name=_("公开文件")
    )
    kind = models.CharField(_("表类型"), max_length=40, choices=Kind.choices, db_index=True)
    number = models.PositiveSmallIntegerField(_("表号"))
    title = models.CharField(_("标题"), max_length=200)
    pages = models.JSONField(_("页码"), default=list)
    amount_unit = models.CharField(_("金额单位"), max_length=10, blank=True)
    empty_note = models.TextField(_("空表说明"), blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["disclosure_id", "order"]
        verbose_name = _("预算表")
        verbose_name_plural = _("预算表")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "order"], name="unique_table_order")
        ]

    def __str__(self):
        return f"表{self.number} {self.title}"


class BudgetLine(Sourced):
    """A printed row of a budget table (or one half of a two-sided summary row)."""

    class RowType(models.TextChoices):
        TOTAL = "total", _("合计")
        UNIT = "unit", _("单位小计")
        DETAIL = "detail", _("明细")

    class Side(models.TextChoices):
        INCOME = "income", _("收入")
        EXPENSE = "expense", _("支出")

    table = models.ForeignKey(BudgetTable, models.CASCADE, related_name="lines", verbose_name=_("表"))
    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="lines", verbose_name=_("公开文件")
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    row_type = models.CharField(_("行类型"), max_length=10, choices=RowType.choices, default=RowType.DETAIL)
    side = models.CharField(_("收支方向"), max_length=10, choices=Side.choices, blank=True)
    code = models.CharField(_("科目编码"), max_length=7, blank=True, db_index=True)
    code_level = models.PositiveSmallIntegerField(_("科目级次"), null=True, blank=True, db_index=True)
    name = models.CharField(_("科目名称"), max_length=300)
    unit_name = models.CharField(_("预算单位"), max_length=200, blank=True)
    unit = models.ForeignKey(
        BudgetUnit, models.SET_NULL, null=True, blank=True, related_name="lines", verbose_name=_("单位")
    )
    project = models.CharField(_("项目名称"), max_length=300, blank=True)
    # The 合计 cell's amount, copied here so that the lists' sort by amount has an index to read.
    total_amount = models.DecimalField(_("合计"), max_digits=20, decimal_places=4, null=True, blank=True,
                                       editable=False)
    history = HistoricalRecords()

    class Meta:
        # By columns, not through the table's and disclosure's orderings (joins no index can serve).
        ordering = ["disclosure_id", "table_id", "order"]
        verbose_name = _("预算行")
        verbose_name_plural = _("预算行")
        indexes = [
            models.Index(fields=["code", "disclosure"], name="line_code_disclosure"),
            # the lists' default order (and the admin's, which adds -id), and one per sortable column
            models.Index(fields=["disclosure", "table", "order", "-id"], name="line_table_order"),
            models.Index(fields=["code", "id"], name="line_code_sort"),
            models.Index(fields=["name", "id"], name="line_name_sort"),
            models.Index(fields=["unit_name", "id"], name="line_unit_sort"),
            models.Index(fields=["project", "id"], name="line_project_sort"),
            models.Index(fields=["source_page", "id"], name="line_page_sort"),
            models.Index(fields=["total_amount", "id"], name="line_total_sort"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    def save(self, *args, **kwargs):
        self.code_level = code_level(self.code) if self.code else None
        if self.pk is not None:  # never write back a stale copy of the 合计 cell
            self.total_amount = total_of(self.pk).first()
        super().save(*args, **kwargs)


class LineAmount(models.Model):
    """One non-blank amount cell of a line: column key → amount (blank cells have no row)."""

    line = models.ForeignKey(BudgetLine, models.CASCADE, related_name="amounts", verbose_name=_("行"))
    column = models.CharField(_("栏目"), max_length=40, db_index=True)
    amount = models.DecimalField(_("金额"), max_digits=20, decimal_places=4)
    printed = models.CharField(_("原文"), max_length=40)
    # Set at ingest from the parser's OCR readings; a corrected amount is no longer a reading (save()).
    ocr_confidence = models.DecimalField(_("OCR 识别置信度"), max_digits=4, decimal_places=3, null=True,
                                         blank=True, editable=False)
    history = HistoricalRecords()

    # The printed value as loaded, to tell a correction from a save of the same value.
    _stored_printed = None

    class Meta:
        ordering = ["line_id", "id"]
        indexes = [models.Index(fields=["column", "amount"], name="amount_column_range")]
        verbose_name = _("金额")
        verbose_name_plural = _("金额")
        constraints = [
            models.UniqueConstraint(fields=["line", "column"], name="one_amount_per_column")
        ]

    def __str__(self):
        return f"{column_label(self.column)} {self.printed}"

    def save(self, *args, **kwargs):
        """The amount follows the printed text; a corrected OCR reading loses its confidence
        (history keeps the reading's)."""
        self.amount = Decimal(self.printed)
        if self._stored_printed is not None and self.printed != self._stored_printed:
            self.ocr_confidence = None
        super().save(*args, **kwargs)
        self._stored_printed = self.printed

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_printed = instance.__dict__.get("printed")
        return instance

    @property
    def ocr_doubtful(self):
        return self.ocr_confidence is not None and self.ocr_confidence < OCR_DOUBTFUL_BELOW


def total_of(line):
    """The amount of the 合计 cell of ``line`` (a pk or an ``OuterRef``), as a one-column queryset."""
    return LineAmount.objects.filter(line=line, column=TOTAL_COLUMN).values_list("amount", flat=True)


@receiver(post_save, sender=LineAmount)
@receiver(post_delete, sender=LineAmount)
def copy_total(sender, instance, **kwargs):
    """Keep ``BudgetLine.total_amount`` equal to the line's 合计 cell; an edited cell may have left its column."""
    if instance.column != TOTAL_COLUMN and kwargs.get("created", True):  # a new or deleted other cell
        return
    origin = kwargs.get("origin")
    if origin is not None and getattr(origin, "model", type(origin)) is not LineAmount:  # its line goes too
        return
    BudgetLine.objects.filter(pk=instance.line_id).update(total_amount=models.Subquery(total_of(models.OuterRef("pk"))[:1]))


class Project(models.Model):
    """A project described in the explanations (一般公共预算项目支出情况说明)."""

    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="projects", verbose_name=_("公开文件")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("项目名称"), max_length=300)
    unit_name = models.CharField(_("项目承担单位"), max_length=200, blank=True)
    basis = models.TextField(_("设立的政策依据"), blank=True)
    amount = models.DecimalField(_("预算安排规模"), max_digits=20, decimal_places=4, null=True, blank=True)
    amount_printed = models.CharField(_("预算安排规模（原文）"), max_length=40, blank=True)
    allocation = models.TextField(_("资金分配情况"), blank=True)
    period_start = models.DateField(_("执行开始"), null=True, blank=True)
    period_end = models.DateField(_("执行结束"), null=True, blank=True)
    source_page = models.PositiveIntegerField(_("页码"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["disclosure_id", "order"]
        indexes = [models.Index(fields=["disclosure", "order", "-id"], name="project_disclosure_order")]
        verbose_name = _("项目")
        verbose_name_plural = _("项目")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.amount = Decimal(self.amount_printed) if self.amount_printed else None
        super().save(*args, **kwargs)


class OtherMatter(models.Model):
    """One figure of 其他重要事项: 机关运行经费, 政府采购, 国有资产, “三公” from the narrative."""

    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="other_matters", verbose_name=_("公开文件")
    )
    group = models.CharField(_("类别"), max_length=40)
    key = models.CharField(_("项目"), max_length=40, blank=True)
    printed = models.CharField(_("原文"), max_length=40, blank=True)
    amount = models.DecimalField(_("数值"), max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["disclosure", "id"]
        verbose_name = _("其他重要事项")
        verbose_name_plural = _("其他重要事项")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "group", "key"], name="unique_other_matter")
        ]

    def __str__(self):
        return f"{self.group} {self.key} {self.printed}".strip()


class Section(models.Model):
    """A section of the narrative text, for the checks and for search."""

    disclosure = models.ForeignKey(
        Disclosure, models.CASCADE, related_name="sections", verbose_name=_("公开文件")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    heading = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"), blank=True)
    pages = models.JSONField(_("页码"), default=list)

    class Meta:
        ordering = ["disclosure", "order"]
        verbose_name = _("说明章节")
        verbose_name_plural = _("说明章节")

    def __str__(self):
        return self.heading
