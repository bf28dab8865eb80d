"""Disclosures as a Fiscal Data Package: a frictionless ``datapackage.json`` and one CSV of budget lines.

The CSV is denormalised as the Fiscal Data Package wants it: one row per printed amount cell, with
the line's classifications beside it. Each field carries its FDP ``columnType`` (the budget
taxonomy: ``administrative-classification``, ``functional-classification`` 类/款/项,
``economic-classification``, ``date:fiscal-year``, ``phase:id``, ``direction``, ``value-kind``,
``value``, ``value-currency:code``); the types the taxonomy lacks (the table, the unit's factor) are
declared in the descriptor's ``columnTypes``.

- **Phase**: a 部门预算 is published once the people's congress has approved it (``approved``); a
  部门决算 reports what was spent (``executed``), and its 预算数 column beside the 决算数 is the
  ``approved`` budget.
- **Direction**: the income table and the income side of the two-sided summaries are ``revenue``,
  everything else ``expenditure``.
- **Classification**: a code beginning with 3 or 5 is an economic one (部门 / 政府预算支出经济分类, 类 and
  款), any other code a functional one (类/款/项); each level's label is the name the disclosure
  prints for that code. The economic columns of a functional table (工资福利支出 …) give their 类 too.
- **Value**: the amount exactly as printed, in the table's unit; ``factor`` (元 1, 万元 10000)
  turns it into 元. Rows are totals, subtotals and details alike: ``row_type`` and the levels tell
  which to sum.

Lines and their amounts are read in chunks, as the budget-line export reads them.
"""
import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

from django.db import connections
from django.utils import timezone

from budget_site.spreadsheets import neutralise

from ..columns import column_label
from ..models import BudgetLine, BudgetTable, Disclosure
from ..views.lists import EXPORT_CHUNK, reading

DESCRIPTOR = "datapackage.json"
CSV_NAME = "budget-lines.csv"
CURRENCY = "CNY"
FACTORS = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}
PHASES = {Disclosure.Kind.BUDGET: ("approved", "部门预算（批复）"),
          Disclosure.Kind.FINAL_ACCOUNTS: ("executed", "部门决算（执行）")}
APPROVED = ("approved", "预算数（批复）")  # the 预算数 column a 决算 prints beside its 决算数
REVENUE_TABLES = {BudgetTable.Kind.INCOME_SUMMARY}
ECONOMIC_FIRST_DIGITS = ("3", "5")
# The economic 类 of the amount columns that are one (部门预算支出经济分类科目).
ECONOMIC_COLUMNS = {
    "wages_welfare": "301", "goods_services": "302", "household_subsidies": "303", "debt_interest": "307",
    "capital_construction": "309", "capital": "310", "enterprise_subsidies_construction": "311",
    "enterprise_subsidies": "312", "social_security_subsidies": "313", "other": "399",
}
LEVEL_LENGTHS = (3, 5, 7)  # 类, 款, 项

CUSTOM_TYPES = [
    {"name": "budget-table:code", "dataType": "integer", "unique": True,
     "description": "表号 of the table the amount is printed in (表1 …)"},
    {"name": "budget-table:label", "dataType": "string", "labelOf": "budget-table:code"},
    {"name": "budget-line-label", "dataType": "string", "labelOf": "budget-line-id"},
    {"name": "value-factor", "dataType": "integer",
     "description": "multiply value by this to get 元 (the table's printed unit: 元 1, 万元 10000)"},
    {"name": "value-factor:label", "dataType": "string", "labelOf": "value-factor"},
]


def field(name, title, column_type=None, kind="string", **extra):
    spec = {"name": name, "title": title, "type": kind, **extra}
    if column_type:
        spec["columnType"] = column_type
    return spec


def level_fields(prefix, classification, title, levels):
    return [spec for n, level in enumerate(levels, start=1) for spec in (
        field(f"{prefix}_level{n}_code", f"{title}{level}编码", f"{classification}:generic:level{n}:code"),
        field(f"{prefix}_level{n}_label", f"{title}{level}名称", f"{classification}:generic:level{n}:label"),
    )]


FIELDS = [
    field("line_id", "行标识", "budget-line-id"),
    field("fiscal_year", "年度", "date:fiscal-year", "integer"),
    field("phase", "阶段", "phase:id", constraints={"enum": ["approved", "executed"]}),
    field("phase_label", "阶段名称", "phase:label"),
    field("direction", "收支方向", "direction", constraints={"enum": ["expenditure", "revenue"]}),
    field("department_code", "部门编码", "administrative-classification:generic:level1:code",
          description="this system's department ID"),
    field("department_name", "部门", "administrative-classification:generic:level1:label"),
    field("unit_code", "单位编码", "administrative-classification:generic:level2:code",
          description="the department's code, then the unit's place in its list of budget units (1: 本级)"),
    field("unit_name", "单位", "administrative-classification:generic:level2:label"),
    field("table_number", "表号", "budget-table:code", "integer"),
    field("table_title", "表名", "budget-table:label"),
    *level_fields("functional", "functional-classification", "功能分类", ("类", "款", "项")),
    *level_fields("economic", "economic-classification", "经济分类", ("类", "款")),
    field("project", "项目", "activity:generic:project:label"),
    field("line_name", "名称", "budget-line-label"),
    field("row_type", "行类型", constraints={"enum": [choice.value for choice in BudgetLine.RowType]},
          description="total: 合计/总计 rows; unit: a budget unit's subtotal; detail: any other row"),
    field("value_kind", "栏目", "value-kind:code"),
    field("value_kind_label", "栏目名称", "value-kind:label"),
    field("value", "金额", "value", "number", description="as printed, in amount_unit"),
    field("currency", "币种", "value-currency:code"),
    field("factor", "换算为元", "value-factor", "integer"),
    field("amount_unit", "金额单位", "value-factor:label"),
]
HEADER = [spec["name"] for spec in FIELDS]
DESCRIPTION = ("预算公开文件各表印出的金额，每个金额一行，附部门与单位、功能分类（类/款/项）、经济分类、年度、阶段和收支方向。"
               "value 为原表金额，乘以 factor 即为元；row_type 与各级编码标明合计、小计与明细，汇总时请勿重复相加。")


def descriptor(disclosures):
    """The ``datapackage.json`` of ``disclosures`` (a list)."""
    ids = "-".join(str(d.pk) for d in disclosures)
    return {
        "name": f"budget-disclosures-{ids}",
        "title": "；".join(f"{d.department.name} {d.fiscal_year} {d.get_kind_display()}" for d in disclosures),
        "description": DESCRIPTION,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "countryCode": "CN",
        "columnTypes": CUSTOM_TYPES,
        "resources": [{
            "name": "budget-lines",
            "path": CSV_NAME,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": FIELDS, "primaryKey": ["line_id", "value_kind"], "missingValues": [""]},
        }],
    }


def is_economic(code):
    return code.startswith(ECONOMIC_FIRST_DIGITS)


def levels(code, labels, count):
    """``[code, label]`` per level of ``code`` (类, 款, 项), blank past its own level."""
    cells = []
    for length in LEVEL_LENGTHS[:count]:
        part = code[:length] if code and len(code) >= length else ""
        cells += [part, labels.get(part, "") if part else ""]
    return cells


def code_labels(disclosures):
    """Each disclosure's printed name of every code it prints, read in one query."""
    labels = {d.pk: {} for d in disclosures}
    rows = (BudgetLine.objects.filter(disclosure__in=disclosures).exclude(code="")
            .order_by("disclosure_id", "table_id", "order").values_list("disclosure_id", "code", "name"))
    for disclosure_id, code, name in rows.iterator(chunk_size=EXPORT_CHUNK):
        labels[disclosure_id].setdefault(code, name)
    return labels


def direction(line):
    if line.table.kind in REVENUE_TABLES or line.side == BudgetLine.Side.INCOME:
        return "revenue"
    return "expenditure"


def line_rows(line, labels):
    """The CSV rows of ``line``: one per amount cell, text cells formula-escaped."""
    disclosure, table, unit = line.disclosure, line.table, line.unit
    code = line.code or ""
    labels = labels[disclosure.pk]
    economic_line = is_economic(code)
    amount_unit = table.amount_unit or disclosure.amount_unit
    department_code = str(disclosure.department_id)
    administrative = [department_code, disclosure.department.name,
                      f"{department_code}.{unit.order + 1}" if unit else "", unit.name if unit else line.unit_name]
    functional = levels("" if economic_line else code, labels, 3)
    for amount in sorted(line.amounts.all(), key=lambda a: a.id):
        label = str(column_label(amount.column))
        if economic_line:
            economic = levels(code, labels, 2)
        else:
            column_code = ECONOMIC_COLUMNS.get(amount.column, "")
            economic = levels(column_code, {column_code: label}, 2)
        executed_budget = disclosure.kind == Disclosure.Kind.FINAL_ACCOUNTS and amount.column == "budget"
        row = [
            str(line.pk), disclosure.fiscal_year, *(APPROVED if executed_budget else PHASES[disclosure.kind]),
            direction(line), *administrative, table.number, table.title, *functional, *economic,
            line.project, line.name, line.row_type, amount.column, label, format(Decimal(amount.printed), "f"),
            CURRENCY, FACTORS.get(amount_unit, ""), amount_unit,
        ]
        yield [neutralise(cell) for cell in row]


def data_rows(disclosures):
    """Every amount cell of ``disclosures`` as a CSV row, lines read in chunks with their amounts."""
    labels = code_labels(disclosures)
    lines = (BudgetLine.objects.filter(disclosure__in=disclosures)
             .select_related("disclosure__department", "table", "unit")
             .defer(*(f"disclosure__{name}" for name in Disclosure.HEAVY_FIELDS))
             .prefetch_related("amounts"))
    with reading(connections[lines.db]):
        for line in lines.iterator(chunk_size=EXPORT_CHUNK):
            yield from line_rows(line, labels)


def csv_text(disclosures):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(data_rows(disclosures))
    return buffer.getvalue()


def package_files(disclosures):
    """``{file name: text}`` of the package of ``disclosures`` (a list)."""
    return {DESCRIPTOR: json.dumps(descriptor(disclosures), ensure_ascii=False, indent=2) + "\n",
            CSV_NAME: csv_text(disclosures)}


def write_package(disclosures, directory):
    """Write the package of ``disclosures`` into ``directory`` (created if missing); the descriptor's path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in package_files(disclosures).items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory / DESCRIPTOR


def package_zip(disclosures):
    """The package of ``disclosures`` as the bytes of a ZIP file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in package_files(disclosures).items():
            archive.writestr(name, text)
    return buffer.getvalue()
