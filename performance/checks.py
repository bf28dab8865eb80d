"""Performance target tables (绩效目标表) against the budget: funds, weights, targets.

Registered with the disclosure checks when ``PerformanceConfig.ready()`` imports this module; the
rules read ``ctx.targets``, which the performance part loads (``performance.parts.load``).
"""
import itertools
import re

from django.conf import settings

from disclosures.checks.narrative import best_match, project_rows
from disclosures.checks.registry import ERROR, WARNING, Amt, counted, plus, rule, total
from disclosures.checks.statements import NUMBER, clean
from disclosures.parsing.numbers import normalize

# 预算绩效情况: the amounts and counts it states.
DEPARTMENT_TARGETS = re.compile(rf"整体(?:预算)?绩效目标(?P<n>\d+)个[，,]涉及预算金额(?P<amount>{NUMBER})万元")
FISCAL_PROJECTS = re.compile(rf"(?<!非)财政拨款项目涉及预算金额(?P<amount>{NUMBER})万元")
NONFISCAL_PROJECTS = re.compile(rf"非财政拨款项目涉及预算金额(?P<amount>{NUMBER})万元")
PROJECT_COUNT = re.compile(r"预算安排项目共(?P<n>\d+)个")
# A 数量指标 measured in % must be a rate.
RATE_WORDS = re.compile(r"率|比例|比重|占比|%|％|百分")
MAX_PARTS = 4  # a target's funds may join this many budget rows (this year's and carried over)


def carryover_rows(ctx):
    table = ctx.table("carryover")
    return [line for line in table.lines if line.row_type == "detail"] if table else []


def nearest(amount, best, pool):
    """``best`` and at most MAX_PARTS - 1 other rows of ``pool`` whose sum comes nearest ``amount``
    (the fewest rows among equals)."""
    others = [row for row in pool if row is not best]
    combos = (
        [best, *combo] for size in range(MAX_PARTS) for combo in itertools.combinations(others, size)
    )
    return min(combos, key=lambda rows: abs(total(r.amt("total") for r in rows).value - amount.value))


@rule("P01", "绩效目标资金与项目预算", ERROR)
def target_funds(ctx, rule):
    """A project target's funds equal its project's budget, with the project's carry-over where the
    target covers both (and where it joins several budget rows, those rows together)."""
    rows = project_rows(ctx)
    if not rows:
        return
    carried = carryover_rows(ctx)
    for target in ctx.targets:
        funds = target.funds.get("fiscal") or target.funds.get("total")
        if target.scope != "project" or funds is None or funds.value == 0:
            continue
        best = best_match(target.project, rows)
        if best is None:
            yield rule.finding(f"项目支出绩效目标表“{target.project}”财政拨款 {funds}万元，项目支出表中找不到该项目",
                               severity=WARNING, target=target.id)
            continue
        unit = normalize(target.unit)
        pool = [r for r in rows + carried if not unit or normalize(r.unit) == unit or r is best]
        parts = nearest(funds, best, pool)
        budget = total(r.amt("total") for r in parts)
        shown = f"{best.table.label} {best.project} {best.amt('total')}" + "".join(
            f" + {r.table.label} {r.project or r.name} {r.amt('total')}" for r in parts[1:])
        finding = rule.compare(
            ctx, funds, budget, f"项目支出绩效目标表“{target.project}”年度预算（财政拨款）{funds}万元 ≠ {shown}",
            terms=len(parts), lines=parts, target=target.id)
        if finding:
            yield finding


@rule("P02", "绩效目标资金构成", ERROR)
def target_fund_parts(ctx, rule):
    """年度预算总额 = 财政拨款 + 其他资金."""
    for target in ctx.targets:
        whole = target.funds.get("total")
        parts = [target.funds[k] for k in ("fiscal", "other") if k in target.funds]
        if whole is None or not parts:
            continue
        finding = rule.compare(ctx, whole, total(parts),
                               f"绩效目标表“{target.project or target.unit}”年度预算总额 {whole}万元 ≠ 财政拨款与其他资金之和 "
                               f"{plus(parts)} = {total(parts)}", terms=len(parts), target=target.id)
        if finding:
            yield finding


@rule("P03", "指标权重合计", WARNING, tolerance="exact")
def weights(ctx, rule):
    """The indicator weights (分值权重) of one table add up to the total in settings (100)."""
    expected = settings.CHECKS["WEIGHT_TOTAL"]
    for target in ctx.targets:
        weights = [i.weight for i in target.indicators if i.weight is not None]
        if not weights:
            continue
        got = sum(weights)
        if got != expected:
            yield rule.finding(f"绩效目标表“{target.project or target.unit}”{len(weights)} 个指标的分值权重合计 "
                               f"{plain(got)}，不是 {plain(expected)}", target=target.id,
                               actual=got, expected=expected, difference=got - expected)


def plain(number):
    """``Decimal("90.00")`` → ``"90"``, ``Decimal("92.50")`` → ``"92.5"``."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def target_problem(indicator):
    text = indicator.target_text.strip()
    if not text:
        return "指标值为空"
    if re.search(r"\d", text) and not indicator.target_value:
        return f"指标值“{text}”未能读出数值"
    if "数量" in indicator.level2 and indicator.target_unit == "%" and not RATE_WORDS.search(indicator.name):
        return f"数量指标的指标值“{text}”是百分比"
    return None


@rule("P04", "指标值可解析", WARNING, tolerance="exact")
def indicator_targets(ctx, rule):
    """Every indicator states a target that reads as comparator, value and unit fitting its kind."""
    for target in ctx.targets:
        for indicator in target.indicators:
            problem = target_problem(indicator)
            if problem:
                yield rule.finding(f"绩效目标表“{target.project or target.unit}”指标“{indicator.name}”：{problem}",
                                   target=target.id, indicator=indicator.id)


def performance_text(ctx):
    for section in ctx.sections:
        if "绩效" in section["heading"]:
            yield section, clean(section["text"])


@rule("P05", "预算绩效情况说明", ERROR)
def performance_statements(ctx, rule):
    """The amounts and counts 预算绩效情况 states agree with the target tables and the project table."""
    if not ctx.targets:
        return
    department = [t for t in ctx.targets if t.scope == "department"]
    projects = [t for t in ctx.targets if t.scope == "project"]
    for section, text in performance_text(ctx):
        links = {"section": section["id"]}
        m = DEPARTMENT_TARGETS.search(text)
        if m and department:
            funds = total(f for t in department for f in t.funds.values())
            finding = rule.compare(ctx, ctx.wan(m.group("amount")), funds,
                                   f"整体绩效目标涉及预算金额 {m.group('amount')}万元 ≠ 部门整体绩效目标表资金合计 {funds}",
                                   discriminator="department", **links)
            if finding:
                yield finding
        m = NONFISCAL_PROJECTS.search(text)
        if m and projects:
            others = [t.funds["other"] for t in projects if "other" in t.funds]
            finding = rule.compare(ctx, ctx.wan(m.group("amount")), total(others),
                                   f"非财政拨款项目涉及预算金额 {m.group('amount')}万元 ≠ 各项目绩效目标表其他资金之和 "
                                   f"{total(others)}", terms=len(others), discriminator="nonfiscal", **links)
            if finding:
                yield finding
        table = ctx.table("general_budget_project_expense")
        m = FISCAL_PROJECTS.search(text)
        if m and table and table.lines:
            amount, lines = table.grand_total()
            finding = rule.compare(ctx, ctx.wan(m.group("amount")), amount,
                                   f"财政拨款项目涉及预算金额 {m.group('amount')}万元 ≠ {table.label} 总计 {amount}",
                                   lines=lines, discriminator="fiscal", **links)
            if finding:
                yield finding
        m = PROJECT_COUNT.search(text)
        if m and table:
            fiscal = {normalize(line.project) for line in project_rows(ctx)}
            nonfiscal = [t for t in projects if t.funds.get("fiscal", Amt(0)).value == 0
                         and t.funds.get("other", Amt(0)).value > 0]
            found = len(fiscal) + len(nonfiscal)
            if int(m.group("n")) != found:
                yield rule.finding(f"说“{m.group()}”，项目支出表列 {len(fiscal)} 个财政拨款项目，另有 {len(nonfiscal)} 个"
                                   f"非财政拨款项目的绩效目标表，共 {found} 个", severity=WARNING,
                                   discriminator="count", **counted(int(m.group("n")), found), **links)
