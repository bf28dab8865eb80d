"""Identities inside one table: row = its columns, parent code = its children, total = its rows."""

from disclosures.parsing.vocab import TWO_SIDED
from disclosures.parsing.vocab.checks import PARTIAL_ITEM, THREE_PUBLIC_ITEMS
from disclosures.parsing.vocab.numbering import ARABIC_ITEM, CHINESE_ITEM

from .registry import ERROR, plus, rule, total

FISCAL_SOURCES = ("general_budget", "general_budget_transfer", "gov_fund", "gov_fund_transfer", "soe_capital",
                  "soe_capital_transfer")
UNIT_SOURCES = ("business_income", "operating_income", "higher_subsidy_income", "subordinate_income",
                "other_income")
ECONOMIC = ("wages_welfare", "goods_services", "household_subsidies", "debt_interest", "capital_construction",
            "capital", "enterprise_subsidies_construction", "enterprise_subsidies", "social_security_subsidies",
            "other")
USES = (("total", ("basic", "project", "remit_to_higher", "operating_expense", "subordinate_subsidy")),
        ("basic", ("personnel", "public_funds")))
# A column missing from a table stands for the columns it sums, when those are printed instead.
EXPANSIONS = {
    "fiscal_subtotal": FISCAL_SOURCES,
    "unit_funds": UNIT_SOURCES,
    "basic": ("personnel", "public_funds"),
    "nonfiscal_subtotal": ("nonfiscal_basic_personnel", "nonfiscal_basic_public", "nonfiscal_project"),
}
# Table kind → (column, the columns it is the sum of).
ROW_IDENTITIES = {
    "income_summary": (
        ("total", ("fiscal_subtotal", "special_account", "unit_funds", "fiscal_carryover", "nonfiscal_carryover")),
        ("fiscal_subtotal", FISCAL_SOURCES),
        ("unit_funds", UNIT_SOURCES),
    ),
    "expense_summary": USES,
    "general_budget_expense": USES,
    "gov_fund_expense": USES,
    "soe_capital_expense": USES,
    "general_budget_basic_expense": (("total", ("personnel", "public_funds")),),
    "general_budget_project_expense": (("total", ECONOMIC),),
    "fiscal_summary": (("total", ("general_budget", "gov_fund", "soe_capital")),),
    "three_public_expense": (("total", ("general_budget", "gov_fund", "soe_capital")),),
    "carryover": (
        ("total", ("fiscal_subtotal", "nonfiscal_subtotal")),
        ("fiscal_subtotal", ("fiscal_basic_personnel", "fiscal_basic_public", "fiscal_project")),
        ("nonfiscal_subtotal", ("nonfiscal_basic_personnel", "nonfiscal_basic_public", "nonfiscal_project")),
    ),
}


def components(columns, keys):
    """The printed columns among ``keys``, an unprinted one replaced by the columns it sums."""
    found = []
    for key in keys:
        if key in columns:
            found.append(key)
        elif key in EXPANSIONS:
            found += components(columns, EXPANSIONS[key])
    return found


def sum_check(ctx, rule, table, parent, column, children, what):
    """Compare ``parent`` with the sum of ``children`` in ``column`` (nothing when all are blank)."""
    if not parent.has(column) and not any(c.has(column) for c in children):
        return None
    amounts = [c.amt(column) for c in children if c.has(column)]
    expected = total(amounts, table.quantum)
    return rule.compare(
        ctx, parent.amt(column), expected,
        f"{table.label}：{parent.label} {ctx.column(column)} {parent.amt(column)} ≠ "
        f"{what} {plus(amounts)} = {expected}",
        terms=len(amounts), lines=[parent, *children], table=table.id, discriminator=column)


@rule("T01", "行内各栏之和", ERROR)
def row_columns(ctx, rule):
    """Each row's total equals its component columns (合计 = 基本支出 + 项目支出 …)."""
    for table in ctx.tables:
        lines = table.side("expense") if table.kind in TWO_SIDED else table.lines
        columns = {c for line in lines for c in line.cells}
        for parent, keys in ROW_IDENTITIES.get(table.kind, ()):
            parts = components(columns, keys)
            if parent not in columns or not parts:
                continue
            for line in lines:
                if not line.has(parent) and not any(line.has(k) for k in parts):
                    continue
                printed = [k for k in parts if line.has(k)]
                expected = total((line.amt(k) for k in printed), table.quantum)
                shown = " + ".join(f"{ctx.column(k)} {line.amt(k)}" for k in printed) or "各栏空白"
                finding = rule.compare(
                    ctx, line.amt(parent), expected,
                    f"{table.label}：{line.label} {ctx.column(parent)} {line.amt(parent)} ≠ {shown} = {expected}",
                    terms=len(printed), lines=[line], table=table.id, discriminator=parent)
                if finding:
                    yield finding


def children_of(parent, group):
    """The next-level rows under ``parent``; rows sharing a 项 code (one per project) all count,
    unless the code also has a row of its own."""
    kids = [line for line in group if line.level == parent.level + 1 and line.code.startswith(parent.code)]
    own = {line.code for line in kids if not line.project}
    return [line for line in kids if not (line.project and line.code in own)]


def unit_groups(table):
    groups = {}
    for line in table.lines:
        groups.setdefault(line.unit, []).append(line)
    return groups.values()


@rule("T02", "科目层级之和", ERROR)
def code_hierarchy(ctx, rule):
    """A 类 row equals the sum of its 款 rows, a 款 row the sum of its 项 rows, in every column."""
    for table in ctx.tables:
        if table.kind in TWO_SIDED:
            continue
        for group in unit_groups(table):
            for parent in group:
                if parent.level not in (1, 2) or parent.row_type == "unit":
                    continue
                kids = children_of(parent, group)
                if not kids:
                    continue
                what = "其下款之和" if parent.level == 1 else "其下项之和"
                for column in sorted(set(parent.cells).union(*(k.cells for k in kids))):
                    finding = sum_check(ctx, rule, table, parent, column, kids, what)
                    if finding:
                        yield finding


def top_rows(table):
    units = [line for line in table.lines if line.row_type == "unit"]
    if units:
        return units
    classes = table.coded(1)
    if classes:
        return classes
    return [line for line in table.lines if not line.is_total] if table.kind == "carryover" else []


def total_segments(table, tops):
    """(total row, the rows it sums): a total printed above its rows sums those below it, one printed
    below sums those since the previous total."""
    tops = set(tops)
    segments, header, pending = [], None, []
    for line in table.lines:
        if line.is_total:
            if pending:
                segments.append((header or line, pending))
                pending = []
                header = line if header else None
            else:
                header = line
        elif line in tops:
            pending.append(line)
    if header and pending:
        segments.append((header, pending))
    return segments


@rule("T03", "总计与各类之和", ERROR)
def grand_totals(ctx, rule):
    """The 总计 row equals the sum of the 类 rows (of the unit rows in tables grouped by unit)."""
    for table in ctx.tables:
        if table.kind in TWO_SIDED or table.kind == "three_public_expense":
            continue
        tops = top_rows(table)
        for line, rows in total_segments(table, tops):
            what = "各单位小计之和" if rows[0].row_type == "unit" else "各类之和"
            for column in sorted(set(line.cells).union(*(r.cells for r in rows))):
                finding = sum_check(ctx, rule, table, line, column, rows, what)
                if finding:
                    yield finding


@rule("T04", "单位小计与其各行之和", ERROR)
def unit_subtotals(ctx, rule):
    """A unit's subtotal row equals the sum of its lines (its 类 rows when coded)."""
    for table in ctx.tables:
        for line in table.lines:
            if line.row_type != "unit":
                continue
            rows = [r for r in table.lines if r.unit == line.unit and r.row_type == "detail"]
            classes = [r for r in rows if r.level == 1]
            rows = classes or [r for r in rows if not r.code]
            for column in sorted(set(line.cells).union(*(r.cells for r in rows))):
                finding = sum_check(ctx, rule, table, line, column, rows, "本单位各行之和")
                if finding:
                    yield finding


def summary_segments(lines):
    """(total row, items) of one side of a two-sided summary: before the first total, the numbered
    items (一、二、… or the 类 codes); after it, that total plus the unnumbered rows that follow."""
    segments, items, previous = [], [], None
    for line in lines:
        if line.is_total:
            if previous is None:
                numbered = [i for i in items if CHINESE_ITEM.match(i.name)]
                coded = [i for i in items if i.level == 1]
                rows = numbered or coded or [i for i in items if not PARTIAL_ITEM.match(i.name)]
            else:
                rows = [previous] + [i for i in items if not (CHINESE_ITEM.match(i.name) or ARABIC_ITEM.match(
                    i.name) or PARTIAL_ITEM.match(i.name) or i.code)]
            segments.append((line, rows))
            items, previous = [], line
        else:
            items.append(line)
    return segments


def numbered_parts(lines):
    """(一、 item, its 1. 2. … items) on one side of a two-sided summary."""
    result, current = [], None
    for line in lines:
        if line.is_total or CHINESE_ITEM.match(line.name):
            current = (line, []) if not line.is_total else None
            if current:
                result.append(current)
        elif current and ARABIC_ITEM.match(line.name):
            current[1].append(line)
    return [(head, parts) for head, parts in result if parts]


@rule("T05", "收支总表各项之和", ERROR)
def summary_structure(ctx, rule):
    """Each side's total of a two-sided summary equals its items; a 一、 item equals its 1. 2. items."""
    for table in ctx.tables:
        if table.kind not in TWO_SIDED:
            continue
        for side in ("income", "expense"):
            lines = table.side(side)
            pairs = summary_segments(lines) + numbered_parts(lines)
            for parent, rows in pairs:
                what = "其下各项之和" if not parent.is_total else "各项之和"
                for column in sorted(set(parent.cells).union(*(r.cells for r in rows))):
                    finding = sum_check(ctx, rule, table, parent, column, rows, what)
                    if finding:
                        yield finding


def three_public_roles(table):
    roles = {}
    for line in table.lines:
        if line.is_total:
            roles.setdefault("total", line)
            continue
        for role, pattern in THREE_PUBLIC_ITEMS:
            if pattern.search(line.key):
                roles.setdefault(role, line)
                break
    return roles


@rule("T06", "“三公”经费表合计", ERROR)
def three_public_sums(ctx, rule):
    """合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费；公务用车 = 购置费 + 运行费."""
    for table in ctx.tables:
        if table.kind != "three_public_expense":
            continue
        roles = three_public_roles(table)
        pairs = [("total", ("overseas", "reception", "vehicles")), ("vehicles", ("purchase", "running"))]
        for parent, parts in pairs:
            rows = [roles[p] for p in parts if p in roles]
            if parent not in roles or not rows:
                continue
            line = roles[parent]
            for column in sorted(set(line.cells).union(*(r.cells for r in rows))):
                finding = sum_check(ctx, rule, table, line, column, rows, "各项之和")
                if finding:
                    yield finding
