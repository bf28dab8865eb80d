"""The performance targets as a part of a disclosure (``disclosures.parts``), registered in ``ready()``.

disclosure-v1 ``performance_targets`` is validated, saved inside ingest's transaction, exported,
loaded into the checks' context as ``ctx.targets``, shown in the timeline and on the disclosure page.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from disclosures.models import LineAmount
from disclosures.parts import Part
from disclosures.timeline import Source
from disclosures.validation import amount, count, number, pages, shown, source, text

from .mapping import INDICATOR, TARGET
from .models import Indicator, PerformanceTarget

KEY = "performance_targets"


def validate(targets):
    count(targets, PerformanceTarget, "绩效目标")
    for i, target in enumerate(targets, start=1):
        check_target(target, f"绩效目标 {i}")


def check_target(target, where):
    for key, name in (("scope", "scope"), ("unit", "unit_name"), ("project", "project"), ("owner", "owner"),
                      ("phone", "phone"), ("goal", "goal")):
        text(target.get(key), PerformanceTarget, name, where)
    for key, value in (target.get("funds") or {}).items():
        amount(value, LineAmount, "amount", f"{where} 资金 {shown(key)}")
    pages(target.get("pages"), where)
    source(target.get("source"), PerformanceTarget, where)
    indicators = target.get("indicators") or []
    count(indicators, Indicator, f"{where} 的指标")
    for i, ind in enumerate(indicators, start=1):
        here = f"{where} 指标 {i}"
        for key, name in (("level1", "level1"), ("level2", "level2"), ("name", "name"), ("target", "target_text"),
                          ("comparator", "comparator"), ("target_value", "target_value"),
                          ("target_unit", "target_unit"), ("basis", "basis"), ("prior_value", "prior_value"),
                          ("scoring_rule", "scoring_rule")):
            text(ind.get(key), Indicator, name, here)
        number(ind.get("weight"), Indicator, "weight", here)
        source(ind.get("source"), Indicator, here)


def save(disclosure, targets):
    for order, target in enumerate(targets):
        obj = PerformanceTarget.objects.create(disclosure=disclosure, order=order, **TARGET.values(target))
        Indicator.objects.bulk_create(
            Indicator(target=obj, order=i, **INDICATOR.values(ind))
            for i, ind in enumerate(target.get("indicators") or [])
        )


def export(disclosure):
    return [
        TARGET.as_dict(target, indicators=[INDICATOR.as_dict(ind) for ind in target.indicators.all()])
        for target in disclosure.targets.prefetch_related("indicators").order_by("order")
    ]


@dataclass
class Target:
    id: int
    scope: str
    unit: str
    project: str
    funds: dict  # key → Amt
    goal: str
    indicators: list


@dataclass
class IndicatorRec:
    id: int
    level2: str
    name: str
    target_text: str
    target_value: str
    target_unit: str
    weight: Decimal
    texts: tuple  # every free-text field, for the editorial rules


def load(ctx):
    """``ctx.targets``: the disclosure's targets with their indicators, funds as Amt in 万元."""
    indicators = {}
    for v in Indicator.objects.filter(target__disclosure=ctx.disclosure).order_by("order").values(
            "id", "target_id", "level2", "name", "target_text", "target_value", "target_unit", "weight",
            "basis", "prior_value", "scoring_rule"):
        texts = (v["name"], v["target_text"], v["basis"], v["prior_value"], v["scoring_rule"])
        indicators.setdefault(v["target_id"], []).append(IndicatorRec(
            v["id"], v["level2"], v["name"], v["target_text"], v["target_value"], v["target_unit"],
            v["weight"], texts))
    ctx.targets = []
    for v in PerformanceTarget.objects.filter(disclosure=ctx.disclosure).order_by("order").values(
            "id", "scope", "unit_name", "project", "funds", "goal"):
        funds = {k: ctx.wan(p) for k, p in (v["funds"] or {}).items() if p not in (None, "")}
        ctx.targets.append(Target(v["id"], v["scope"], v["unit_name"], v["project"], funds, v["goal"],
                                  indicators.get(v["id"], [])))


def texts(ctx):
    for t in ctx.targets:
        yield "\n".join((t.project, t.goal)), {"target": t.id}
        for i in t.indicators:
            yield "\n".join(x for x in i.texts if x), {"target": t.id, "indicator": i.id}


def indicator_name(row, disclosure=None):
    return f"{row.target} · {row.name}"


HISTORY = (
    Source(PerformanceTarget, "disclosure_id", (), ("unit_name", "project", "owner", "phone", "funds", "goal"),
           lambda row, disclosure: row.project or row.unit_name, amounts=("funds",)),
    Source(Indicator, "target__disclosure_id", ("target",), ("level1", "level2", "name", "target_text",
                                                            "comparator", "target_value", "target_unit",
                                                            "basis", "prior_value", "weight", "scoring_rule",
                                                            "evidence"), indicator_name),
)


def panel_context(disclosure):
    return {"targets": disclosure.targets.order_by("order").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order")))}


PART = Part(KEY, validate, save, export, load=load, texts=texts, history=HISTORY,
            panel="performance/disclosure_panel.html", panel_context=panel_context, title=_("绩效目标"))
