"""Budget tables' column headers: which printed label names which schema column.

Patterns are matched against NFKC-normalised header cells with whitespace removed.
"""
import re

# A header cell opening the fiscal or the non-fiscal group of columns (ancestors are joined by "/").
FISCAL = r"(?:^|/)财政拨款(?!收入|支出)"
NONFISCAL = r"(?:^|/)非财政拨款(?!收入|支出)"

# Header cells: (leaf pattern, ancestors pattern or None, role). Roles are column keys of
# the schema or the structural roles "code", "code_part", "name", "project_name". The first
# rule whose leaf pattern matches the column's lowest header cell (and whose ancestor
# pattern matches the cells above it) wins.
HEADER_RULES = tuple((re.compile(leaf), re.compile(up) if up else None, role) for leaf, up, role in (
    (r"^[类款项]$", None, "code_part"),
    (r"科目编码$|^编码$|^代码$", None, "code"),
    (r"^项目名称$", None, "project_name"),
    # Totals.
    # Subtotals and splits under a fiscal / non-fiscal group (财政拨款, 财政拨款结转结余,
    # 财政拨款(补助) …): 小计 right under any such cell, 合计 right under one that is not the
    # 财政拨款收入 / 支出 side of a summary (whose 合计 is its total); 人员 / 公用经费 (under
    # 基本支出) and 项目支出 anywhere below such a group.
    (r"^小计$", r"(?:^|/)非财政拨款[^/]*$", "nonfiscal_subtotal"),
    (r"^小计$", r"(?:^|/)财政拨款[^/]*$", "fiscal_subtotal"),
    (r"^合计$", NONFISCAL + r"[^/]*$", "nonfiscal_subtotal"),
    (r"^合计$", FISCAL + r"[^/]*$", "fiscal_subtotal"),
    (r"^(?:小计|合计)$", r"(?:^|/)非?财政拨款(?!收入|支出)", None),  # e.g. of 基本支出: no schema key
    (r"^人员经费$", NONFISCAL, "nonfiscal_basic_personnel"),
    (r"^公用经费$", NONFISCAL, "nonfiscal_basic_public"),
    (r"^项目支出$", NONFISCAL, "nonfiscal_project"),
    (r"^人员经费$", FISCAL, "fiscal_basic_personnel"),
    (r"^公用经费$", FISCAL, "fiscal_basic_public"),
    (r"^项目支出$", FISCAL, "fiscal_project"),
    (r"^项目支出合计$|^合计$|^总计$|^本年收入合计$|^本年支出合计$|^收入合计$|^支出合计$", None, "total"),
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
))

# A column whose header lies under one of these is on that side of a two-sided table.
SIDE_HEADERS = (("income", re.compile(r"收入")), ("expense", re.compile(r"支出")))

