"""Budget tables: their printed titles, which kinds exist, and the labels of their rows.

Matched against NFKC-normalised text with whitespace removed (full-width brackets become
ASCII ones); a region's template adds its table names and row labels here.
"""
import re

# Table kind → printed titles (budget and final-accounts wordings). The longest alias
# found in a title line decides, so 财政拨款收支预算总体情况表 is not read as 收支总体情况表.
TABLE_TITLES = {
    "income_expense_summary": (
        "部门收支总体情况表", "收支总体情况表", "部门收支总表", "收支预算总表", "财务收支预算总表",
        "收入支出决算总表", "收支决算总表",
    ),
    "income_summary": (
        "部门收入总体情况表", "收入总体情况表", "收入预算总表", "收入决算表",
    ),
    "expense_summary": (
        "部门支出总体情况表", "支出总体情况表", "支出预算总表", "支出决算表",
    ),
    "fiscal_summary": (
        "财政拨款收支预算总体情况表", "财政拨款收支总体情况表", "财政拨款收支总表", "财政拨款收支预算总表",
        "财政拨款收入支出决算总表", "财政拨款收支决算总表",
    ),
    "general_budget_expense": (
        "一般公共预算支出情况表", "一般公共预算支出预算表", "一般公共预算支出功能分类预算表",
        "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出情况表",
    ),
    "general_budget_basic_expense": (
        "一般公共预算基本支出情况表", "一般公共预算基本支出预算表", "一般公共预算基本支出经济分类预算表",
        "一般公共预算基本支出部门预算经济分类预算表", "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款基本支出情况表",
    ),
    "general_budget_project_expense": (
        "一般公共预算项目支出情况表", "一般公共预算项目支出预算表", "项目支出预算表",
    ),
    "gov_fund_expense": (
        "政府性基金预算支出情况表", "政府性基金预算支出预算表", "政府性基金预算支出功能分类预算表",
        "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表",
    ),
    "soe_capital_expense": (
        "国有资本经营预算支出情况表", "国有资本经营预算支出预算表", "国有资本经营预算支出功能分类预算表",
        "国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
    ),
    "three_public_expense": (
        "“三公”经费支出情况表", "三公经费支出情况表", "“三公”经费支出预算表", "“三公”经费预算表",
        "“三公”经费和机关运行经费预算表", "“三公”经费支出决算表", "三公经费支出决算表",
        "\"三公\"经费支出情况表", "\"三公\"经费支出决算表", "\"三公\"经费和机关运行经费预算表",
    ),
    "carryover": (
        "上年结转结余情况明细表", "上年结转结余情况表", "结转结余情况明细表",
    ),
}

# Tables whose rows are two-sided (an income and an expense half per printed row).
# The word in the titles of a 决算 document's tables (收入支出决算总表, 支出决算表 …): a table of final
# accounts is named by the first of its kind's titles that carries it.
FINAL_TITLE_WORD = "决算"
TWO_SIDED = {"income_expense_summary", "fiscal_summary"}
# Tables grouped by budget unit, with a subtotal row per unit.
UNIT_GROUPED = {"general_budget_project_expense", "carryover"}

# The tables every disclosure of a kind publishes; a missing one is reported as a warning.
CORE_TABLES = {
    "budget": (
        "income_expense_summary", "income_summary", "expense_summary", "fiscal_summary",
        "general_budget_expense", "general_budget_basic_expense", "gov_fund_expense",
        "soe_capital_expense", "three_public_expense",
    ),
    "final_accounts": (
        "income_expense_summary", "income_summary", "expense_summary", "fiscal_summary",
        "general_budget_expense", "general_budget_basic_expense", "three_public_expense",
    ),
}

# A title line may carry these around the alias: "表 1", "2025年", "部门".
TITLE_PREFIX = re.compile(r"^(?:表\d+)?(?:\d{4}年度?)?(?:部门)?")
TITLE_MAX_EXTRA = 14
TABLE_LABEL = re.compile(r"^表(\d+)$")
# A ruled row between a title and its header, "编制单位：…": label, colon, value.
LABEL_VALUE = re.compile(r"^[^:：]{2,8}[:：]")
# A table of contents: the page carrying this heading lists titles that are not tables.
CONTENTS_HEADING = "目录"

# Sentences printed in place of an empty table's rows.
EMPTY_NOTE = re.compile(r"(为空表|本表无数据|无数据|本表为空|空表|无此项|没有.*(?:收入|支出|安排))")

# Transposed tables (items as columns, e.g. the Shanghai 三公 table): a column labelled
# 小计 is named by the cell above it, and these words are cut from an item's label.
TRANSPOSED_SUBTOTAL = "小计"
TRANSPOSED_SUFFIX = re.compile(r"预算数$")
TRANSPOSED_VALUE_KEYS = {"预算数": "budget", "决算数": "amount"}

# Row labels of total rows (spaces removed).
TOTAL_ROW = re.compile(r"^(?:本年)?(?:收入|支出|人员经费|公用经费)?(?:总计|合计)$")

# A row without a code in a unit-grouped table names a unit when it ends like an
# organisation and does not read like a project.
ORGANISATION_SUFFIX = re.compile(
    r"(局|中心|委员会|委|办公室|办事处|院|所|站|馆|队|学校|学院|中学|小学|幼儿园|医院|街道|政府|协会|"
    r"联合会|厅|处|部|室|社|台|团|会|园|场|本级|机关)(?:\(.*\))?$"
)
PROJECT_WORDS = re.compile(r"项目|经费|专项|资金|费$|目标|工程")
