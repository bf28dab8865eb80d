"""Ingest: all or nothing, idempotent by checksum, versions, and the JSON round trip."""
import copy
import json
from dataclasses import replace
from decimal import Decimal

import pytest

from disclosures import imports
from disclosures.ingest import Outcome, ingest
from disclosures.interchange import export
from disclosures.models import BudgetLine, Department, Disclosure, LineAmount, Project
from disclosures.parts import PARTS
from performance.models import Indicator, PerformanceTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_bytes(sample_pdf):
    return sample_pdf.read_bytes()


def counts():
    return (
        Disclosure.objects.count(), BudgetLine.objects.count(), LineAmount.objects.count(),
        Project.objects.count(), PerformanceTarget.objects.count(), Indicator.objects.count(),
    )


def test_ingest_creates_every_record_with_decimal_and_printed_amounts(sample_parsed, sample_bytes):
    result = ingest(sample_parsed, source_bytes=sample_bytes, source_name="sample.pdf", page_count=39)
    assert result.outcome is Outcome.CREATED
    expected = (
        1,
        sum(len(t["lines"]) for t in sample_parsed["tables"]),
        sum(len(line["amounts"]) for t in sample_parsed["tables"] for line in t["lines"]),
        len(sample_parsed["projects"]),
        len(sample_parsed["performance_targets"]),
        sum(len(t["indicators"]) for t in sample_parsed["performance_targets"]),
    )
    assert counts() == expected
    first_amount = next(
        (line, k, v) for t in sample_parsed["tables"] for line in t["lines"] for k, v in line["amounts"].items()
    )
    stored = LineAmount.objects.get(line__disclosure=result.disclosure, line__order=0, line__table__order=0,
                                    column=first_amount[1])
    assert stored.printed == first_amount[2]
    assert stored.amount == Decimal(first_amount[2])
    assert result.disclosure.source_pdf.read() == sample_bytes
    assert result.disclosure.parsed == sample_parsed


def test_same_file_twice_creates_nothing_new(sample_parsed, sample_bytes):
    first = ingest(sample_parsed, source_bytes=sample_bytes)
    before = counts()
    again = ingest(sample_parsed, source_bytes=sample_bytes)
    assert again.outcome is Outcome.UNCHANGED
    assert again.disclosure.pk == first.disclosure.pk
    assert counts() == before


def test_new_file_for_same_department_year_kind_is_a_new_current_version(sample_parsed, sample_bytes):
    first = ingest(sample_parsed, source_bytes=sample_bytes).disclosure
    Disclosure.objects.filter(pk=first.pk).update(status=Disclosure.Status.APPROVED)
    changed = copy.deepcopy(sample_parsed)
    changed["tables"][0]["lines"][0]["amounts"] = {"amount": "1.00"}
    second = ingest(changed, source_bytes=sample_bytes + b"\n% republished")
    assert second.outcome is Outcome.NEW_VERSION
    assert second.disclosure.version == 2 and second.disclosure.is_current
    first.refresh_from_db()
    assert (first.is_current, first.status, first.version) == (False, Disclosure.Status.APPROVED, 1)
    old_line = BudgetLine.objects.get(disclosure=first, table__order=0, order=0)
    assert {a.column: a.printed for a in old_line.amounts.all()} == sample_parsed["tables"][0]["lines"][0]["amounts"]


def test_failure_in_the_middle_of_ingest_saves_nothing(sample_parsed, sample_bytes, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setitem(PARTS, "performance_targets", replace(PARTS["performance_targets"], save=explode))
    with pytest.raises(RuntimeError):
        ingest(sample_parsed, source_bytes=sample_bytes)
    assert counts() == (0, 0, 0, 0, 0, 0)
    assert not Department.objects.exists()


def test_json_export_gives_back_the_parsed_disclosure(sample_parsed, sample_bytes, tmp_path):
    disclosure = ingest(sample_parsed, source_bytes=sample_bytes).disclosure
    exported = export(disclosure)
    assert exported == sample_parsed


def test_json_import_reads_an_export(sample_parsed, sample_bytes):
    data = json.dumps(sample_parsed, ensure_ascii=False).encode()
    parsed, pages = imports.parse_bytes(data, "disclosure.json")
    assert pages is None and parsed == sample_parsed
    result = ingest(parsed, source_bytes=data, source_name="disclosure.json")
    assert result.outcome is Outcome.CREATED
    assert not result.disclosure.source_pdf


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"{not json", "JSON 文件无法读取"),
        (b'{"format": "budget-disclosure/1"}', "不符合 disclosure-v1 格式"),
    ],
)
def test_json_import_rejects_malformed_documents(payload, message):
    with pytest.raises(imports.UploadRejected, match=message):
        imports.parse_bytes(payload, "bad.json")
