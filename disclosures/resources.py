"""django-import-export resources: spreadsheet exports of lines, amounts and projects."""
from import_export import fields, resources

from .models import BudgetLine, LineAmount, Project


class DisclosureFieldsMixin(resources.ModelResource):
    """Columns that say which disclosure a row comes from."""

    department = fields.Field(attribute="disclosure__department__name", column_name="部门")
    fiscal_year = fields.Field(attribute="disclosure__fiscal_year", column_name="年度")
    kind = fields.Field(attribute="disclosure__kind", column_name="类型")
    version = fields.Field(attribute="disclosure__version", column_name="版本")


class BudgetLineResource(DisclosureFieldsMixin):
    table_number = fields.Field(attribute="table__number", column_name="表号")
    table_kind = fields.Field(attribute="table__kind", column_name="表类型")
    amounts = fields.Field(column_name="金额")

    class Meta:
        model = BudgetLine
        fields = (
            "id", "department", "fiscal_year", "kind", "version", "table_number", "table_kind", "order",
            "row_type", "side", "code", "code_level", "name", "unit_name", "project", "amounts",
            "source_page",
        )
        export_order = fields

    def dehydrate_amounts(self, line):
        return "; ".join(f"{a.column}={a.printed}" for a in line.amounts.all())


class LineAmountResource(resources.ModelResource):
    """One row per amount cell: the shape pivot tables want."""

    department = fields.Field(attribute="line__disclosure__department__name", column_name="部门")
    fiscal_year = fields.Field(attribute="line__disclosure__fiscal_year", column_name="年度")
    table_kind = fields.Field(attribute="line__table__kind", column_name="表类型")
    code = fields.Field(attribute="line__code", column_name="科目编码")
    name = fields.Field(attribute="line__name", column_name="科目名称")
    unit_name = fields.Field(attribute="line__unit_name", column_name="预算单位")
    project = fields.Field(attribute="line__project", column_name="项目名称")

    class Meta:
        model = LineAmount
        fields = ("id", "department", "fiscal_year", "table_kind", "code", "name", "unit_name", "project",
                  "column", "amount", "printed")
        export_order = fields


class ProjectResource(DisclosureFieldsMixin):
    class Meta:
        model = Project
        fields = (
            "id", "department", "fiscal_year", "kind", "version", "order", "name", "unit_name", "basis",
            "amount_printed", "allocation", "period_start", "period_end", "source_page",
        )
        export_order = fields
