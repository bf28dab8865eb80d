"""Checks: the accounting identities (勾稽关系) and consistency rules a disclosure must satisfy.

``run_checks(disclosure)`` runs every registered rule over the disclosure's records and replaces
its findings. Ingest calls it for a new disclosure and the admin after every edit. Other apps'
rules register from their ``AppConfig.ready()`` (performance: ``performance.checks``).
"""
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from disclosures.models import Finding

# Importing the families registers their rules, in this order.
from . import (  # noqa: F401 — imported to register their rules
    across_tables,
    completeness,
    consistency,
    narrative,
    overview,
    plausibility,
    within_table,
    wording,
)
from .context import Context
from .registry import REGISTRY

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
logger = logging.getLogger(__name__)


def evaluate(disclosure):
    """The drafts of every rule for ``disclosure``, without touching the database.

    A rule that fails on an unforeseen document is reported as a warning, not as a failed import.
    """
    ctx = Context(disclosure)
    drafts = []
    for rule in REGISTRY.values():
        try:
            drafts += rule.run(ctx)
        except Exception as exc:  # one rule's bug must not hide the others' findings
            logger.exception("check %s failed on disclosure %s", rule.code, disclosure.pk)
            drafts.append(rule.finding(f"本规则未能完成检查（{type(exc).__name__}: {exc}）", severity="warning"))
    return drafts


def run_checks(disclosure):
    """Replace ``disclosure``'s findings with fresh ones; return them, errors first.

    A reviewer's override is kept on a new finding with the same key and the same amounts.
    """
    drafts = evaluate(disclosure)
    now = timezone.now()
    with transaction.atomic():
        previous = {
            (f.key, f.expected, f.actual): f
            for f in Finding.objects.filter(disclosure=disclosure, overridden_by__isnull=False)
        }
        Finding.objects.filter(disclosure=disclosure).delete()
        findings = []
        for draft in drafts:
            finding = Finding(
                disclosure=disclosure, rule=draft.rule.code, title=draft.rule.title, severity=draft.severity,
                message=draft.message, expected=draft.expected, actual=draft.actual,
                difference=draft.difference, key=draft.key, table_id=draft.table, project_id=draft.project,
                section_id=draft.section, target_id=draft.target, indicator_id=draft.indicator, created_at=now,
            )
            old = previous.get((draft.key, quantize(draft.expected), quantize(draft.actual)))
            if old:
                finding.overridden_by_id = old.overridden_by_id
                finding.override_reason = old.override_reason
                finding.overridden_at = old.overridden_at
            findings.append(finding)
        Finding.objects.bulk_create(findings)
        Through = Finding.lines.through
        Through.objects.bulk_create(
            Through(finding_id=finding.pk, budgetline_id=line_id)
            for finding, draft in zip(findings, drafts, strict=True)
            for line_id in dict.fromkeys(draft.lines)
        )
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


def quantize(value):
    """An amount as the database returns it (four decimals), for matching stored findings."""
    return None if value is None else value.quantize(Decimal("0.0001"))
