"""Comparisons put in words: 决算数大于 / 小于 / 等于预算数, 完成预算的 P%, 比上年增加 / 减少."""
from itertools import pairwise

from django.conf import settings

from disclosures.parsing.vocab.statements import COMPLETION, DOWN, UP, VERDICT, WORD_SIGN

from .narrative import heading
from .registry import ERROR, plus, rule, total
from .statements import figures


def budget_pairs(ctx):
    """(budget figure, final figure) quoted together: 年初预算为 A 万元，支出决算为 B 万元."""
    found = figures(ctx)
    for budget, final in pairwise(found):
        if budget.mark == "budget" and final.mark == "final" and budget.item is final.item \
                and budget.subject == final.subject and budget.amount is not None and final.amount is not None:
            yield budget, final


@rule("W01", "决算数与预算数的文字比较", ERROR)
def final_versus_budget(ctx, rule):
    """决算数大于 / 小于 / 等于 / 持平预算数 agrees with the two amounts quoted before it."""
    share = settings.CHECKS["ROUGHLY_EQUAL_SHARE"]
    for budget, final in budget_pairs(ctx):
        rest = final.item[final.item.find(final.printed + "万元"):]
        verdict = VERDICT.search(rest)
        if not verdict:
            continue
        a, b = ctx.wan(budget.printed), ctx.wan(final.printed)
        diff = b.value - a.value
        if verdict.group("flat"):
            right = abs(diff) <= max(a.value * share, a.quantum)
        elif verdict.group("cmp"):
            sign = WORD_SIGN[verdict.group("cmp")]
            right = (diff > 0) - (diff < 0) == sign
        else:
            right = diff == 0
        if not right:
            yield rule.finding(
                f"{heading(final)}：“{final.subject}” 预算 {a}万元、决算 {b}万元（差 {diff}），文字却说“{verdict.group()}”",
                section=final.section["id"], discriminator=f"{final.subject}|{final.printed}")


@rule("W02", "完成预算比例复算", ERROR, tolerance="percent")
def completion_rate(ctx, rule):
    """完成（年初）预算的 P% is the final figure divided by the budget figure."""
    for budget, final in budget_pairs(ctx):
        rest = final.item[final.item.find(final.printed + "万元"):]
        m = COMPLETION.match(rest[len(final.printed) + 2:].lstrip("，,"))
        if m and budget.amount:
            finding = rule.compare_percent(ctx, m.group("pct"), ctx.wan(final.printed), ctx.wan(budget.printed),
                                           f"{heading(final)}：“{final.subject}”完成预算比例",
                                           section=final.section["id"], discriminator=final.subject)
            if finding:
                yield finding


@rule("W03", "增减表述方向一致", ERROR)
def change_words(ctx, rule):
    """增加 … 增长 / 减少 … 下降: the amount's and the percentage's words point the same way."""
    for figure in figures(ctx):
        for direction, printed, pct_direction, pct in figure.change:
            if pct_direction and (direction in UP) != (pct_direction in UP) and (
                    direction in DOWN) != (pct_direction in DOWN):
                yield rule.finding(
                    f"{heading(figure)}：“{figure.subject}”{direction} {printed}万元，却说{pct_direction} {pct}%",
                    section=figure.section["id"], discriminator=f"{figure.subject}|{printed}")


@rule("W04", "说明分项之和与合计", ERROR)
def itemised_totals(ctx, rule):
    """The 年初预算 / 决算 figures the items (1、2、…) quote add up to those of the lead sentence."""
    pairs = list(budget_pairs(ctx))
    for lead_budget, lead_final in pairs:
        if lead_budget.chain:
            continue
        items = [(b, f) for b, f in pairs if b.chain and b.section is lead_budget.section]
        for index, what in ((0, "年初预算"), (1, "决算")):
            if not items:
                continue
            lead = (lead_budget, lead_final)[index]
            parts = [ctx.wan(pair[index].printed) for pair in items]
            finding = rule.compare(
                ctx, ctx.wan(lead.printed), total(parts),
                f"{heading(lead)}：“{lead.subject}”{what} {lead.printed}万元 ≠ "
                f"各项{what}之和 {plus(parts)} = {total(parts)}",
                terms=len(parts), section=lead.section["id"], discriminator=what)
            if finding:
                yield finding
