"""The printed vocabulary of budget tables, as data.

Adding a region's template means adding entries here: title aliases for its table names,
header rules for its column labels, row labels for its totals. Patterns are matched against
NFKC-normalised text with whitespace removed (full-width brackets become ASCII ones).
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
# A table of contents: the page carrying this heading lists titles that are not tables.
CONTENTS_HEADING = "目录"
# Where a 目录 entry's number stands: "1. ", "4．", "一、".
CONTENTS_NUMBER = re.compile(r"(?<![\d.．])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]\s*")
UNIT_LINE = re.compile(r"单位[:：]\s*(万元|元|千元|亿元)")
DEPARTMENT_LINE = re.compile(r"编制(?:部门|单位)[:：]\s*(\S+)")

# Sentences printed in place of an empty table's rows.
EMPTY_NOTE = re.compile(r"(为空表|本表无数据|无数据|本表为空|空表|无此项|没有.*(?:收入|支出|安排))")

# Header cells: (leaf pattern, ancestors pattern or None, role). Roles are column keys of
# the schema or the structural roles "code", "code_part", "name", "project_name". The first
# rule whose leaf pattern matches the column's lowest header cell (and whose ancestor
# pattern matches the cells above it) wins.
HEADER_RULES = (
    (r"^[类款项]$", None, "code_part"),
    (r"科目编码$|^编码$|^代码$", None, "code"),
    (r"^项目名称$", None, "project_name"),
    # Totals.
    (r"^项目支出合计$|^合计$|^总计$|^本年收入合计$|^本年支出合计$|^收入合计$|^支出合计$", None, "total"),
    # Subtotals and splits under a fiscal / non-fiscal group.
    (r"^小计$", r"非财政拨款", "nonfiscal_subtotal"),
    (r"^小计$", r"财政拨款", "fiscal_subtotal"),
    (r"^人员经费$", r"非财政拨款", "nonfiscal_basic_personnel"),
    (r"^公用经费$", r"非财政拨款", "nonfiscal_basic_public"),
    (r"^项目支出$", r"非财政拨款", "nonfiscal_project"),
    (r"^人员经费$", r"财政拨款", "fiscal_basic_personnel"),
    (r"^公用经费$", r"财政拨款", "fiscal_basic_public"),
    (r"^项目支出$", r"财政拨款$|财政拨款/", "fiscal_project"),
    (r"财政拨款\(补助\)小计|^财政拨款小计$|^财政拨款收入$|^财政拨款$", None, "fiscal_subtotal"),
    (r"非财政拨款小计", None, "nonfiscal_subtotal"),
    # Sources of funds.
    (r"上级一般公共预算", None, "general_budget_transfer"),
    (r"上级政府性基金", None, "gov_fund_transfer"),
    (r"上级国有资本", None, "soe_capital_transfer"),
    (r"^一般公共预算(?:拨款|财政拨款)?$", None, "general_budget"),
    (r"^政府性基金(?:预算)?(?:拨款|财政拨款)?$", None, "gov_fund"),
    (r"^国有资本经营(?:预算)?(?:拨款|财政拨款)?$", None, "soe_capital"),
    (r"财政专户", None, "special_account"),
    (r"^单位资金$", None, "unit_funds"),
    (r"^财政拨款结转", None, "fiscal_carryover"),
    (r"^非财政拨款结转", None, "nonfiscal_carryover"),
    (r"^事业收入$", None, "business_income"),
    (r"经营收入$", None, "operating_income"),
    (r"^上级补助收入$", None, "higher_subsidy_income"),
    (r"附属单位上缴", None, "subordinate_income"),
    (r"^其他收入$", None, "other_income"),
    (r"上缴上级支出", None, "remit_to_higher"),
    (r"^经营支出$", None, "operating_expense"),
    (r"对附属单位补助", None, "subordinate_subsidy"),
    # Uses of funds.
    (r"^基本支出$", None, "basic"),
    (r"^项目支出$", None, "project"),
    (r"^人员经费$", None, "personnel"),
    (r"^公用经费$", None, "public_funds"),
    (r"^工资福利支出$", None, "wages_welfare"),
    (r"^商品和服务支出$", None, "goods_services"),
    (r"^对个人和家庭的补助$", None, "household_subsidies"),
    (r"债务利息", None, "debt_interest"),
    (r"^资本性支出\(基本建设\)$", None, "capital_construction"),
    (r"^资本性支出$", None, "capital"),
    (r"^对企业补助\(基本建设\)$", None, "enterprise_subsidies_construction"),
    (r"^对企业补助$", None, "enterprise_subsidies"),
    (r"对社会保障基金补助", None, "social_security_subsidies"),
    (r"^其他支出$", None, "other"),
    (r"年初结转和结余", None, "opening_balance"),
    (r"^本年收入$", None, "income"),
    (r"^本年支出$", None, "expense"),
    (r"年末结转和结余", None, "closing_balance"),
    (r"^预算数$", r"决算数", "budget"),
    (r"^决算数$|^预算数$|^金额$", None, "amount"),
    # Row labels.
    (r"名称$|^项目$|^科目$|内容$|^功能分类(?:科目)?$|^经济分类(?:科目)?$|^支出功能分类科目$", None, "name"),
)

# A column whose header lies under one of these is on that side of a two-sided table.
SIDE_HEADERS = (("income", r"收入"), ("expense", r"支出"))

# Transposed tables (items as columns, e.g. the Shanghai 三公 table): a column labelled
# 小计 is named by the cell above it, and these words are cut from an item's label.
TRANSPOSED_SUBTOTAL = "小计"
TRANSPOSED_SUFFIX = re.compile(r"预算数$")
TRANSPOSED_VALUE_KEYS = {"预算数": "budget", "决算数": "amount"}

# Text that opens a row of its own (so it is not the rest of a cell cut by a page break).
ROW_OPENER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）]|其中)")

# Row labels of total rows (spaces removed).
TOTAL_ROW = re.compile(r"^(?:本年)?(?:收入|支出|人员经费|公用经费)?(?:总计|合计)$")

# A row without a code in a unit-grouped table names a unit when it ends like an
# organisation and does not read like a project.
ORGANISATION_SUFFIX = re.compile(
    r"(局|中心|委员会|委|办公室|办事处|院|所|站|馆|队|学校|学院|中学|小学|幼儿园|医院|街道|政府|协会|"
    r"联合会|厅|处|部|室|社|台|团|会|园|场|本级|机关)(?:\(.*\))?$"
)
PROJECT_WORDS = re.compile(r"项目|经费|专项|资金|费$|目标|工程")
