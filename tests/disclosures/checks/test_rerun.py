"""Findings follow the records: an admin edit reruns the checks, an override survives a rerun while
the finding recurs unchanged, and the admin shows them."""
import pytest
from django.urls import reverse

from disclosures.checks import run_checks
from disclosures.filtersets import FindingFilterSet
from disclosures.models import Finding, LineAmount
from tests.disclosures.checks.builder import consistent, findings, ingested
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def basic_cell(disclosure):
    """表3's 行政运行 基本支出 cell."""
    return LineAmount.objects.get(line__disclosure=disclosure, line__table__kind="expense_summary",
                                  line__code="2010301", column="basic")


def edit_in_admin(client, cell, printed):
    url = reverse("admin:disclosures_lineamount_change", args=[cell.pk])
    form = {**form_data(client.get(url).content.decode()), "printed": printed, "change_reason": "与原文核对"}
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_admin_edit_reruns_the_checks(admin_client):
    disclosure = ingested(consistent())
    cell = basic_cell(disclosure)
    assert findings(disclosure, "T01") == []
    edit_in_admin(admin_client, cell, "64.00")
    [finding] = findings(disclosure, "T01")
    assert "2010301" in finding.message and finding.lines.get() == cell.line
    edit_in_admin(admin_client, cell, "65.00")
    assert findings(disclosure, "T01") == []


def test_override_survives_a_rerun_only_while_the_finding_is_unchanged(admin_user):
    disclosure = ingested(consistent())
    cell = basic_cell(disclosure)
    cell.printed = "64.00"
    cell.save()
    [finding] = [f for f in run_checks(disclosure) if f.rule == "T01"]
    Finding.objects.filter(pk=finding.pk).update(overridden_by=admin_user, override_reason="原件如此")
    [again] = [f for f in run_checks(disclosure) if f.rule == "T01"]
    assert again.pk != finding.pk and again.key == finding.key
    assert (again.overridden_by, again.override_reason) == (admin_user, "原件如此")
    cell.printed = "63.00"
    cell.save()
    [changed] = [f for f in run_checks(disclosure) if f.rule == "T01"]
    assert changed.key == finding.key and changed.overridden_by is None


def test_disclosure_page_lists_its_findings_and_the_findings_list_filters(admin_client):
    data = consistent()
    data["overview"]["staffing"]["actual"] = 19
    disclosure = ingested(data)
    page = admin_client.get(reverse("admin:disclosures_disclosure_change", args=[disclosure.pk]))
    assert "实有人数 19 人" in page.content.decode()
    listing = admin_client.get(reverse("admin:disclosures_finding_changelist"), {"severity__exact": "error"})
    assert listing.status_code == 200 and "O03" in listing.content.decode()


def test_finding_filterset_filters_by_severity_rule_and_override():
    data = consistent()
    data["overview"]["staffing"]["actual"] = 19
    data["performance_targets"][1]["indicators"][0]["weight"] = 50
    disclosure = ingested(data)
    queryset = Finding.objects.all()
    by_rule = FindingFilterSet({"rule": "O03", "disclosure": disclosure.pk}, queryset=queryset).qs
    assert [f.rule for f in by_rule] == ["O03"]
    assert {f.rule for f in FindingFilterSet({"severity": "warning"}, queryset=queryset).qs} == {"P03"}
    assert FindingFilterSet({"overridden": "true"}, queryset=queryset).qs.count() == 0


def test_findings_are_read_only_in_the_admin(admin_client):
    """Passing an error happens on the review pages, where the workflow's rules apply."""
    data = consistent()
    data["overview"]["staffing"]["actual"] = 19
    [finding] = findings(ingested(data), "O03")
    url = reverse("admin:disclosures_finding_change", args=[finding.pk])
    assert admin_client.post(url, {"override_reason": "原件如此"}).status_code == 403
    finding.refresh_from_db()
    assert (finding.overridden_by, finding.override_reason) == (None, "")
