"""Which table figure a narrative subject names (收支总预算 → 表1 总计, 基本支出 → 表3 基本支出 …).

The section heading sets the scope (a 基本支出 quoted under 一般公共预算 is the general budget
table's); the subject then matches one of the patterns of
:mod:`disclosures.parsing.vocab.statements`. A subject matching none is not
checked: the rules compare only what they can name.
"""
from dataclasses import dataclass

from disclosures.parsing.vocab.statements import (
    BASIC_TABLE,
    CARRY_TOTAL,
    EXPENSE,
    FISCAL_EXPENSE,
    FISCAL_INCOME,
    GENERAL_BUDGET,
    GOV_FUND,
    GRAND,
    INCOME,
    OPERATING,
    SCOPES,
    SOE,
    SOURCES,
    THREE_PUBLIC,
)

from .context import name_key
from .within_table import three_public_roles

# Scope → the table its 类/款/项 are looked up in.
CLASS_TABLES = {"income": "income_summary", "expense": "expense_summary",
                "general_budget": "general_budget_expense", "fiscal": "general_budget_expense",
                "summary": "general_budget_expense"}


@dataclass
class Resolved:
    topic: str  # "total", "source", "use", "class", "three_public", "carryover", "operating"
    amount: object  # Amt
    lines: list
    table: object
    column: str

    def describe(self, ctx):
        where = self.lines[0].label if len(self.lines) == 1 else "总计" if self.lines else "（无此科目）"
        return f"{self.table.label} {where} {ctx.column(self.column)} {self.amount}"


def scope_of(heading):
    for pattern, scope in SCOPES:
        if pattern.search(heading):
            return scope
    return ""


def row(topic, table, line, column):
    return Resolved(topic, line.amt(column), [line], table, column)


def bottom(topic, table, column=None):
    if table is None:
        return None
    column = column or table.main_column
    amount, lines = table.grand_total(column)
    return Resolved(topic, amount, lines, table, column)


def first_total(topic, table, side):
    totals = table.totals(side) if table else []
    return row(topic, table, totals[0], totals[0].main) if totals else None


def last_total(topic, table, side):
    totals = table.totals(side) if table else []
    return row(topic, table, totals[-1], totals[-1].main) if totals else None


def find_row(table, names):
    """The row a (类, 款, 项) chain names; a 项 name that is really its 款's name is accepted."""
    lei, kuan, xiang = (name_key(n) if n else None for n in names)
    top = next((line for line in table.coded(1) if line.key == lei and not line.unit), None)
    if top is None or not (kuan or xiang):
        return top, top is not None
    under = [line for line in table.lines if line.code.startswith(top.code) and line.level and line.level > 1
             and not line.unit]
    mid = next((line for line in under if line.level == 2 and line.key == kuan), None)
    if not xiang:
        return mid, True
    leaf = next((line for line in under if line.level == 3 and line.key == xiang
                 and (mid is None or line.code.startswith(mid.code))), None)
    return leaf or next((line for line in under if line.key == xiang), None), True


def resolve(ctx, figure):
    """The table figure ``figure`` quotes, or None when it names none this module knows."""
    scope = scope_of(figure.section["heading"])
    subject = figure.subject
    column = None
    if ctx.kind == "final_accounts" and figure.mark == "budget":
        column = "budget"
    if scope in ("procurement", "assets", "performance", "project") or not subject:
        return None
    if scope == "three_public" or "三公" in subject:
        return three_public(ctx, subject, column or ("amount" if figure.mark == "final" else None))
    if column:  # a 年初预算 figure in final accounts: only the 三公 table prints one
        return None
    if scope == "operating":
        return operating(ctx, subject)
    if scope == "carryover":
        return carryover(ctx, subject)
    return totals(ctx, scope, subject) or sources(ctx, scope, subject) or uses(ctx, scope, subject) \
        or classes(ctx, scope, figure)


def totals(ctx, scope, subject):
    table = ctx.table
    m = GRAND.fullmatch(subject)
    if m:
        fiscal = m.group("fiscal") or scope == "fiscal"
        return last_total("total", table("fiscal_summary" if fiscal else "income_expense_summary"), "income")
    if FISCAL_INCOME.fullmatch(subject):
        income = table("income_summary")
        if scope != "fiscal" and income and "fiscal_subtotal" in income.columns:
            return bottom("total", income, "fiscal_subtotal")
        return first_total("total", table("fiscal_summary"), "income")
    if FISCAL_EXPENSE.fullmatch(subject):
        return first_total("total", table("fiscal_summary"), "expense")
    if INCOME.fullmatch(subject):
        if scope == "fiscal":
            return first_total("total", table("fiscal_summary"), "income")
        return first_total("total", table("income_expense_summary"), "income") or bottom(
            "total", table("income_summary"))
    if EXPENSE.fullmatch(subject):
        if scope == "general_budget":
            return bottom("total", table("general_budget_expense"))
        if scope == "fiscal":
            return first_total("total", table("fiscal_summary"), "expense")
        return first_total("total", table("income_expense_summary"), "expense") or bottom(
            "total", table("expense_summary"))
    if GENERAL_BUDGET.fullmatch(subject):
        income = table("income_summary")
        if scope == "income" and income and "general_budget" in income.columns:
            return bottom("total", income, "general_budget")
        return bottom("total", table("general_budget_expense"))
    if GOV_FUND.fullmatch(subject):
        return bottom("total", table("gov_fund_expense"))
    if SOE.fullmatch(subject):
        return bottom("total", table("soe_capital_expense"))
    return None


def sources(ctx, scope, subject):
    income = ctx.table("income_summary")
    if scope not in ("income", "summary") or income is None:
        return None
    for pattern, column in SOURCES:
        if pattern.fullmatch(subject):
            return bottom("source", income, column)
    return None


def uses(ctx, scope, subject):
    table = ctx.table
    basic = table("general_budget_basic_expense")
    if BASIC_TABLE.fullmatch(subject) or scope == "basic" and subject == "基本支出":
        return bottom("use", basic)
    if subject in ("基本支出", "项目支出"):
        column = "basic" if subject == "基本支出" else "project"
        kind = "general_budget_expense" if scope in ("general_budget", "fiscal") else "expense_summary"
        return bottom("use", table(kind), column)
    if subject in ("人员经费", "公用经费") and basic:
        column = "personnel" if subject == "人员经费" else "public_funds"
        if column in basic.columns:
            return bottom("use", basic, column)
        line = next((t for t in basic.totals() if subject in t.key), None)
        return row("use", basic, line, line.main) if line else None
    return None


def classes(ctx, scope, figure):
    table = ctx.table(CLASS_TABLES.get(scope) or "")
    if table is None:
        return None
    names = figure.chain or (figure.subject, None, None)
    line, known = find_row(table, names)
    if line:
        return row("class", table, line, "total" if line.has("total") or "total" in table.columns else line.main)
    if known:  # the 类 is there, the 款/项 is not: the table says zero
        return Resolved("class", table.zero, [], table, "total")
    return None


def three_public(ctx, subject, column):
    table = ctx.table("three_public_expense")
    if table is None or not table.lines:
        return None
    roles = three_public_roles(table)
    for pattern, role in THREE_PUBLIC:
        if pattern.fullmatch(subject) and role in roles:
            line = roles[role]
            col = column or ("total" if "total" in table.columns else line.main)
            if col not in table.columns and not (col == "amount" and ctx.kind == "final_accounts"):
                return None  # a 决算数 column printed blank throughout still says zero
            return row("three_public", table, line, col)
    return None


def operating(ctx, subject):
    table = ctx.table("three_public_expense")
    if not OPERATING.search(subject) or table is None:
        return None
    line = next((line for line in table.lines if "机关运行经费" in line.key), None)
    return row("operating", table, line, line.main) if line else None


def carryover(ctx, subject):
    table = ctx.table("carryover")
    if table is None or not table.lines:
        return None
    if CARRY_TOTAL.fullmatch(subject):
        return bottom("carryover", table)
    if subject in ("财政拨款", "非财政拨款"):
        return bottom("carryover", table, "fiscal_subtotal" if subject == "财政拨款" else "nonfiscal_subtotal")
    key = name_key(subject)
    if len(key) < 4:
        return None
    for line in table.lines:
        names = {line.key, name_key(line.project)} - {""}
        if line.row_type == "detail" and any(key in n or n in key for n in names):
            return row("carryover", table, line, line.main)
    return None
