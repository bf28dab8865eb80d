"""Identities between tables: the summaries, the income and expense tables and the detail tables
agree on totals, per 类 and code by code."""

from disclosures.parsing.vocab.checks import THREE_PUBLIC_ECONOMIC
from disclosures.parsing.vocab.numbering import CHINESE_ITEM

from .registry import ERROR, WARNING, Amt, rule


def classes(table, side=None):
    """key → line of the table's 类 rows: code, or (uncoded summaries) the numbered item's name."""
    rows = {}
    for line in table.side(side):
        if line.code and line.level == 1:
            rows.setdefault(line.code, line)
        elif not line.code and side == "expense" and CHINESE_ITEM.match(line.name) and line.key.endswith("支出"):
            rows.setdefault(line.key, line)
    return rows


def by_code(table):
    rows = {}
    for line in table.lines:
        if line.code and not line.project:
            rows.setdefault((line.unit, line.code), line)
    return {code: line for (unit, code), line in rows.items() if not unit}


def align(left, right):
    """Pair rows of two ``classes``/``by_code`` maps; a name key matches a coded row by its name."""
    names = {line.key: key for key, line in right.items()}
    pairs, used = [], set()
    for key, line in left.items():
        other_key = key if key in right else names.get(key)
        pairs.append((line, right.get(other_key)))
        used.add(other_key)
    pairs += [(None, line) for key, line in right.items() if key not in used]
    return pairs


def compare_rows(ctx, rule, pairs, left_table, right_table, left_col, right_col):
    """Each aligned pair agrees (a row missing on one side counts as zero)."""
    for a, b in pairs:
        col_a = left_col or (a.main if a else "total")
        col_b = right_col or (b.main if b else "total")
        amount_a = a.amt(col_a) if a else left_table.zero
        amount_b = b.amt(col_b) if b else right_table.zero
        finding = rule.compare(
            ctx, amount_a, amount_b,
            f"{(b or a).label}：{left_table.label} {ctx.column(col_a)} {amount_a}"
            f"{'' if a else '（无此行）'} ≠ {right_table.label} {ctx.column(col_b)} {amount_b}"
            f"{'' if b else '（无此行）'}",
            lines=[x for x in (a, b) if x], discriminator=f"{col_a}|{col_b}")
        if finding:
            yield finding


def compare_totals(ctx, rule, left, right, what):
    """Two (Amt, lines, table, column) bottom lines agree."""
    (amount_a, lines_a, table_a, col_a), (amount_b, lines_b, table_b, col_b) = left, right
    return rule.compare(
        ctx, amount_a, amount_b,
        f"{what}：{table_a.label} {ctx.column(col_a)} {amount_a} ≠ {table_b.label} {ctx.column(col_b)} {amount_b}",
        lines=[*lines_a, *lines_b], discriminator=f"{table_a.kind}|{col_a}|{table_b.kind}|{col_b}")


def bottom(table, column=None):
    column = column or table.main_column
    amount, lines = table.grand_total(column)
    return amount, lines, table, column


def first_total(table, side):
    totals = table.totals(side)
    if not totals:
        return None
    line = totals[0]
    return line.amt(line.main), [line], table, line.main


@rule("X01", "收支总表收支平衡", ERROR)
def income_equals_expense(ctx, rule):
    """In the two-sided summaries the income total equals the expense total."""
    for table in ctx.tables:
        if table.kind not in ("income_expense_summary", "fiscal_summary"):
            continue
        income, expense = table.totals("income"), table.totals("expense")
        if income and expense:
            a, b = income[-1], expense[-1]
            finding = compare_totals(ctx, rule, (a.amt(a.main), [a], table, a.main),
                                     (b.amt(b.main), [b], table, b.main), "收入总计与支出总计")
            if finding:
                yield finding


@rule("X02", "收支总表与收入表、支出表总计", ERROR)
def summary_totals(ctx, rule):
    """The summary's income and expense totals equal the income and the expense table's totals."""
    summary = ctx.table("income_expense_summary")
    if not summary:
        return
    for side, kind in (("income", "income_summary"), ("expense", "expense_summary")):
        other, own = ctx.table(kind), first_total(summary, side)
        if other and own:
            finding = compare_totals(ctx, rule, own, bottom(other), "本年收支合计")
            if finding:
                yield finding


@rule("X03", "收支总表与支出表各类", ERROR)
def summary_classes(ctx, rule):
    """The summary's expense 类 rows equal the expense table's 类 rows."""
    summary, expense = ctx.table("income_expense_summary"), ctx.table("expense_summary")
    if summary and expense:
        pairs = align(classes(summary, "expense"), classes(expense))
        yield from compare_rows(ctx, rule, pairs, summary, expense, None, "total")


@rule("X04", "收入表与支出表逐科目", ERROR)
def income_vs_expense_codes(ctx, rule):
    """In a budget, the income and the expense table agree code by code (合计 column)."""
    income, expense = ctx.table("income_summary"), ctx.table("expense_summary")
    if ctx.kind == "budget" and income and expense:
        pairs = align(by_code(income), by_code(expense))
        yield from compare_rows(ctx, rule, pairs, income, expense, "total", "total")


@rule("X05", "财政拨款收支总表与一般公共预算支出表", ERROR)
def fiscal_vs_general_budget(ctx, rule):
    """The fiscal summary's general-budget expense agrees with the general budget expense table,
    in total and per 类."""
    fiscal, general = ctx.table("fiscal_summary"), ctx.table("general_budget_expense")
    if not (fiscal and general):
        return
    column = "general_budget" if any(line.has("general_budget") for line in fiscal.side("expense")) else "total"
    own = first_total(fiscal, "expense")
    if own:
        line = own[1][0]
        finding = compare_totals(ctx, rule, (line.amt(column), [line], fiscal, column), bottom(general),
                                 "一般公共预算支出合计")
        if finding:
            yield finding
    pairs = align(classes(fiscal, "expense"), classes(general))
    yield from compare_rows(ctx, rule, pairs, fiscal, general, column, "total")


def general_budget_income(income, line):
    """A row's general-budget income: its 一般公共预算 column, else its fiscal subtotal less the
    government-fund and state-capital columns."""
    if "general_budget" in income.columns:
        return line.amt("general_budget")
    amount = line.amt("fiscal_subtotal")
    for column in ("gov_fund", "soe_capital"):
        if line.has(column):
            amount = Amt(amount.value - line.amt(column).value, amount.quantum)
    return amount


@rule("X06", "一般公共预算支出表与收入表一般公共预算列", ERROR)
def general_budget_vs_income(ctx, rule):
    """In a budget, the general budget expense table equals the income table's general-budget
    column, code by code."""
    income, general = ctx.table("income_summary"), ctx.table("general_budget_expense")
    if ctx.kind != "budget" or not (income and general) or not income.columns & {"general_budget",
                                                                                   "fiscal_subtotal"}:
        return
    column = "general_budget" if "general_budget" in income.columns else "fiscal_subtotal"
    for a, b in align(by_code(income), by_code(general)):
        amount_a = general_budget_income(income, a) if a else income.zero
        amount_b = b.amt("total") if b else general.zero
        finding = rule.compare(
            ctx, amount_b, amount_a,
            f"{(b or a).label}：{general.label} 合计 {amount_b}{'' if b else '（无此行）'} ≠ "
            f"{income.label} {ctx.column(column)} {amount_a}{'' if a else '（无此行）'}",
            lines=[x for x in (a, b) if x])
        if finding:
            yield finding


@rule("X07", "基本支出表与一般公共预算支出表基本支出", ERROR)
def basic_vs_general_budget(ctx, rule):
    """The basic expense table's total equals the general budget expense table's basic column."""
    basic, general = ctx.table("general_budget_basic_expense"), ctx.table("general_budget_expense")
    if basic and general and basic.lines:
        finding = compare_totals(ctx, rule, bottom(basic), bottom(general, "basic"), "基本支出合计")
        if finding:
            yield finding


@rule("X08", "项目支出表与一般公共预算支出表项目支出", ERROR)
def project_vs_general_budget(ctx, rule):
    """The project expense table totals (and, per 项 code, sums to) the project column of the
    general budget expense table."""
    projects, general = ctx.table("general_budget_project_expense"), ctx.table("general_budget_expense")
    if not (projects and general and projects.lines):
        return
    finding = compare_totals(ctx, rule, bottom(projects), bottom(general, "project"), "项目支出合计")
    if finding:
        yield finding
    rows = by_code(general)
    sums = {}
    for line in projects.lines:
        if line.level == 3:
            sums.setdefault(line.code, []).append(line)
    for code, parts in sums.items():
        row = rows.get(code)
        amount = sum((r.amt("total") for r in parts), projects.zero)
        expected = row.amt("project") if row else general.zero
        finding = rule.compare(
            ctx, amount, expected,
            f"{code}：{projects.label} 各项目合计 {amount} ≠ {general.label} 项目支出 {expected}"
            f"{'' if row else '（无此行）'}",
            terms=len(parts), lines=[*parts, *([row] if row else [])], discriminator=code)
        if finding:
            yield finding


@rule("X09", "“三公”经费表与基本支出表", WARNING)
def three_public_vs_basic(ctx, rule):
    """公务接待费 and 公务用车运行费 of the 三公 table equal the basic table's 30217 and 30231
    (a project-funded 三公 expense would make them differ, hence a warning)."""
    three, basic = ctx.table("three_public_expense"), ctx.table("general_budget_basic_expense")
    if not (three and basic and three.lines and basic.lines):
        return
    column = "amount" if ctx.kind == "final_accounts" and "amount" in three.columns else "total"
    for pattern, code in THREE_PUBLIC_ECONOMIC:
        item = next((line for line in three.lines if pattern.search(line.key)), None)
        row = next((line for line in basic.lines if line.code == code), None)
        if not item:
            continue
        expected = row.amt(row.main) if row else basic.zero
        finding = rule.compare(
            ctx, item.amt(column), expected,
            f"{item.name}：{three.label} {item.amt(column)} ≠ {basic.label} "
            f"{row.label if row else code + '（无此行）'} {expected}",
            lines=[x for x in (item, row) if x], discriminator=code)
        if finding:
            yield finding


@rule("X10", "结转结余表与收入表结转", ERROR)
def carryover_vs_income(ctx, rule):
    """The carry-over table's total equals the income table's carry-over columns."""
    carry, income = ctx.table("carryover"), ctx.table("income_summary")
    if not (carry and income and carry.lines):
        return
    pairs = [("total", ("fiscal_carryover", "nonfiscal_carryover")), ("fiscal_subtotal", ("fiscal_carryover",)),
             ("nonfiscal_subtotal", ("nonfiscal_carryover",))]
    for own, theirs in pairs:
        if own not in carry.columns or not income.columns & set(theirs):
            continue
        amount, lines, _, _ = bottom(carry, own)
        parts = [bottom(income, column) for column in theirs if column in income.columns]
        expected = sum((p[0] for p in parts), income.zero)
        shown = " + ".join(f"{ctx.column(p[3])} {p[0]}" for p in parts)
        finding = rule.compare(
            ctx, amount, expected,
            f"上年结转结余：{carry.label} {ctx.column(own)} {amount} ≠ {income.label} {shown}",
            lines=[*lines, *parts[0][1]], discriminator=own)
        if finding:
            yield finding
