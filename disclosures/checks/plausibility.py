"""Figures out of scale for their kind: a unit error such as 元 printed as 万元."""

from django.conf import settings

from disclosures.parsing.vocab.checks import WAN, YUAN

from .registry import WARNING, rule

ASSET_VALUES = {"buildings_value": "房屋价值", "vehicles_value": "车辆价值", "furniture_value": "办公家具价值",
                "other_value": "其他资产价值"}
BUDGET_FIGURES = {("procurement", "total"): "政府采购预算", ("operating_funds", ""): "机关运行经费",
                  ("three_public", "total"): "“三公”经费"}


def budget_total(ctx):
    """The year's total (收支总计), in the document's unit, or None."""
    summary = ctx.table("income_expense_summary")
    totals = summary.totals("income") if summary else []
    return totals[-1].amt("total" if totals[-1].has("total") else "amount") if totals else None


@rule("L01", "资产价值量级", WARNING, tolerance="exact")
def asset_scale(ctx, rule):
    """A vehicle worth more than the settings allow, or assets worth many times the year's budget,
    look like 元 printed as 万元."""
    checks = settings.CHECKS
    vehicles = ctx.other.get(("assets", "vehicles"))
    value = ctx.other_amt("assets", "vehicles_value")
    count = int(vehicles["printed"]) if vehicles and vehicles["printed"] else 0
    limit = checks["VEHICLE_VALUE_MAX_WAN"] * ctx.scale_of("万元")
    if value is not None and count and value.value / count > limit:
        yield rule.finding(f"车辆 {count} 辆价值 {value}万元，每辆约 {value.value / count / ctx.scale_of('万元'):,.2f} 万元，"
                           f"超过 {checks['VEHICLE_VALUE_MAX_WAN']} 万元，疑为以元填作万元", discriminator="vehicles")
    budget = budget_total(ctx)
    if budget is None or budget.value <= 0:
        return
    for key, label in ASSET_VALUES.items():
        value = ctx.other_amt("assets", key)
        limit = budget.value * checks["ASSET_TO_BUDGET_MAX"]
        if key != "vehicles_value" and value is not None and value.value > limit:
            yield rule.finding(f"{label} {value}万元，是全年收支总额 {budget} 的 {value.value / budget.value:,.0f} 倍，"
                               f"疑为以元填作万元", discriminator=key)


@rule("L02", "说明金额超出预算总额", WARNING, tolerance="exact")
def figures_within_budget(ctx, rule):
    """政府采购预算, 机关运行经费 and “三公”经费 cannot exceed the year's total budget."""
    budget = budget_total(ctx)
    if budget is None:
        return
    for (group, key), label in BUDGET_FIGURES.items():
        value = ctx.other_amt(group, key)
        if value is not None and value.value > budget.value:
            yield rule.finding(f"{label} {value}万元 超过全年收支总额 {budget}，疑为单位错误", discriminator=label)


@rule("L03", "金额单位疑误", WARNING, tolerance="exact")
def missing_wan(ctx, rule):
    """In a 万元 document, an amount written in 元 that elsewhere is written in 万元 lost its 万."""
    if ctx.unit != "万元":
        return
    texts = list(ctx.texts())
    wan = {m.group(1) for text, _ in texts for m in WAN.finditer(text)}
    for text, links in texts:
        for m in YUAN.finditer(text):
            if text[m.start(1) - 1: m.start(1)] != "万" and m.group(1) in wan and text[m.end() - 2] != "万":
                shown = text[max(0, m.start() - 10): m.end()].lstrip("，。；：、\n ")
                yield rule.finding(f"“{shown}”写作 {m.group(1)} 元，"
                                   f"同一金额在别处是 {m.group(1)} 万元，疑漏写“万”", discriminator=m.group(), **links)
