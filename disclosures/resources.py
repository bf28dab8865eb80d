"""Spreadsheet exports of lines, amounts and projects: django-import-export resources for the admin,
and the budget-line rows of the review list's export, one numeric column per amount column."""
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from .columns import COLUMNS, any_kind_label, ordered_columns
from .models import BudgetLine, Disclosure, LineAmount, Project


def number_field(**kwargs):
    """A column of numbers: ``Decimal`` and ``int`` stay numbers (XLSX cells, plain decimals in CSV)."""
    return fields.Field(widget=widgets.NumberWidget(coerce_to_string=False), **kwargs)


KIND_SHORT = {Disclosure.Kind.BUDGET: gettext_lazy("预算"), Disclosure.Kind.FINAL_ACCOUNTS: gettext_lazy("决算")}


def amount_columns(lines):
    """The amount column keys the ``lines`` queryset has cells in, in the schema's order (one query)."""
    cells = LineAmount.objects.filter(line__in=lines.order_by().values("pk")).order_by()
    return ordered_columns(cells.values_list("column", flat=True).distinct())


# The distinct column keys of all amount cells, read from the index on ``column`` one key at a time
# (PostgreSQL has no skip scan): some fifty probes of the index whatever the number of cells.
STORED_COLUMNS = """
    WITH RECURSIVE stored(key) AS (
        (SELECT "column" FROM {table} ORDER BY "column" LIMIT 1)
        UNION ALL
        SELECT (SELECT "column" FROM {table} WHERE "column" > stored.key ORDER BY "column" LIMIT 1)
        FROM stored WHERE stored.key IS NOT NULL
    )
    SELECT key FROM stored WHERE key IS NOT NULL
"""


def stored_columns(using="default"):
    """Every amount column key any line has a cell in, in the schema's order, at a cost that does not grow
    with the number of cells on PostgreSQL (elsewhere a plain DISTINCT)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "postgresql":
        return ordered_columns(LineAmount.objects.using(using).order_by().values_list("column", flat=True).distinct())
    with connection.cursor() as cursor:
        cursor.execute(STORED_COLUMNS.format(table=connection.ops.quote_name(LineAmount._meta.db_table)))
        return ordered_columns(key for (key,) in cursor.fetchall())


def line_header(columns):
    """The export's header: what a line is, its amount unit, then each amount column's printed label."""
    return [_("部门"), _("年度"), _("类型"), _("表"), _("编码"), _("级次"), _("名称"), _("单位"), _("项目"),
            _("金额单位"), *(str(any_kind_label(key)) for key in columns)]


def line_row(line, columns):
    """``line`` as export cells: its amounts as ``Decimal`` with their printed places, blank where none."""
    disclosure, table = line.disclosure, line.table
    amounts = {a.column: Decimal(a.printed) for a in line.amounts.all()}
    return [disclosure.department.name, disclosure.fiscal_year, str(KIND_SHORT.get(disclosure.kind, disclosure.kind)),
            str(table), line.code, line.code_level, line.name, line.unit_name, line.project,
            table.amount_unit or disclosure.amount_unit, *(amounts.get(key) for key in columns)]


class DisclosureFieldsMixin(resources.ModelResource):
    """Columns that say which disclosure a row comes from."""

    department = fields.Field(attribute="disclosure__department__name", column_name="部门")
    fiscal_year = number_field(attribute="disclosure__fiscal_year", column_name="年度")
    kind = fields.Field(column_name="类型", readonly=True)
    version = number_field(attribute="disclosure__version", column_name="版本")

    def dehydrate_kind(self, record):
        return str(KIND_SHORT.get(record.disclosure.kind, record.disclosure.kind))


class AmountField(fields.Field):
    """A line's amount in column ``key`` as a ``Decimal`` with its printed places, headed with the label."""

    def __init__(self, key):
        super().__init__(column_name=str(any_kind_label(key)), readonly=True,
                         widget=widgets.NumberWidget(coerce_to_string=False))
        self.key = key

    def get_value(self, line):
        return next((Decimal(a.printed) for a in line.amounts.all() if a.column == self.key), None)


AMOUNT_FIELDS = {f"amount_{key}": AmountField(key) for key in COLUMNS}


class BudgetLineResource(DisclosureFieldsMixin):
    """The admin's line export: the review list's columns (``line_header``), one field per amount column."""

    table = fields.Field(attribute="table", column_name="表")
    table_kind = fields.Field(attribute="table__get_kind_display", column_name="表类型")
    code = fields.Field(attribute="code", column_name="编码")
    code_level = number_field(attribute="code_level", column_name="级次")
    name = fields.Field(attribute="name", column_name="名称")
    unit_name = fields.Field(attribute="unit_name", column_name="单位")
    project = fields.Field(attribute="project", column_name="项目")
    row_type = fields.Field(attribute="get_row_type_display", column_name="行类型")
    source_page = number_field(attribute="source_page", column_name="页码")
    amount_unit = fields.Field(column_name="金额单位", readonly=True)
    locals().update(AMOUNT_FIELDS)  # declared fields, one per amount column (the class namespace is a dict)

    class Meta:
        model = BudgetLine
        fields = ("department", "fiscal_year", "kind", "version", "table", "table_kind", "code", "code_level",
                  "name", "unit_name", "project", "row_type", "source_page", "amount_unit", *AMOUNT_FIELDS)
        export_order = fields

    def dehydrate_amount_unit(self, line):
        return line.table.amount_unit or line.disclosure.amount_unit


class LineAmountResource(resources.ModelResource):
    """One row per amount cell: the shape pivot tables want."""

    department = fields.Field(attribute="line__disclosure__department__name", column_name="部门")
    fiscal_year = fields.Field(attribute="line__disclosure__fiscal_year", column_name="年度")
    table_kind = fields.Field(attribute="line__table__kind", column_name="表类型")
    code = fields.Field(attribute="line__code", column_name="科目编码")
    name = fields.Field(attribute="line__name", column_name="科目名称")
    unit_name = fields.Field(attribute="line__unit_name", column_name="预算单位")
    project = fields.Field(attribute="line__project", column_name="项目名称")
    ocr_confidence = number_field(attribute="ocr_confidence", column_name="OCR 置信度")

    class Meta:
        model = LineAmount
        fields = ("id", "department", "fiscal_year", "table_kind", "code", "name", "unit_name", "project",
                  "column", "amount", "printed", "ocr_confidence")
        export_order = fields


class ProjectResource(DisclosureFieldsMixin):
    name = fields.Field(attribute="name", column_name="项目名称")
    unit_name = fields.Field(attribute="unit_name", column_name="项目承担单位")
    basis = fields.Field(attribute="basis", column_name="设立的政策依据")
    amount_unit = fields.Field(attribute="disclosure__amount_unit", column_name="金额单位")
    amount = number_field(column_name="预算安排规模", readonly=True)
    allocation = fields.Field(attribute="allocation", column_name="资金分配情况")
    period_start = fields.Field(attribute="period_start", column_name="执行开始")
    period_end = fields.Field(attribute="period_end", column_name="执行结束")
    source_page = number_field(attribute="source_page", column_name="页码")

    class Meta:
        model = Project
        fields = (
            "department", "fiscal_year", "kind", "version", "name", "unit_name", "basis", "amount_unit", "amount",
            "allocation", "period_start", "period_end", "source_page",
        )
        export_order = fields

    def dehydrate_amount(self, project):
        """The amount with its printed places (``80.00``), a number in XLSX."""
        return Decimal(project.amount_printed) if project.amount_printed else None
