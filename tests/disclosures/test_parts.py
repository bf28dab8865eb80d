"""A registered part takes part in validation, ingest (inside its transaction) and the export."""
import copy

import pytest

from disclosures.ingest import ingest
from disclosures.interchange import export
from disclosures.models import Disclosure, OtherMatter
from disclosures.parts import PARTS, Part
from disclosures.validation import InvalidDisclosure, fail

pytestmark = pytest.mark.django_db


def throwaway_part():
    """Keeps its items as other matters of a group of its own, to give them back on export."""
    def validate(items):
        if "bad" in items:
            fail("坏的附注")

    def save(disclosure, items):
        OtherMatter.objects.bulk_create(
            OtherMatter(disclosure=disclosure, group="notes", key=str(i), printed=item) for i, item in enumerate(items))

    def export_notes(disclosure):
        return [m.printed for m in disclosure.other_matters.filter(group="notes").order_by("key")]

    return Part("notes", validate, save, export_notes)


@pytest.fixture
def notes_part(monkeypatch):
    part = throwaway_part()
    monkeypatch.setitem(PARTS, part.key, part)
    return part


def without_notes_group(data):
    """The export lists the part's records under other_matters too; the part's own key is what counts."""
    data = copy.deepcopy(data)
    data["other_matters"].pop("notes", None)
    return data


def test_a_registered_part_is_saved_and_exported(notes_part, sample_parsed, sample_pdf):
    data = {**copy.deepcopy(sample_parsed), "notes": ["1.00", "2.00"]}
    exported = export(ingest(data, source_bytes=sample_pdf.read_bytes()).disclosure)
    assert exported["notes"] == ["1.00", "2.00"]
    assert without_notes_group(exported) == data
    assert "performance_targets" in exported


def test_a_registered_part_validates_before_anything_is_saved(notes_part, sample_parsed, sample_pdf):
    data = {**copy.deepcopy(sample_parsed), "notes": ["bad"]}
    with pytest.raises(InvalidDisclosure, match="坏的附注"):
        ingest(data, source_bytes=sample_pdf.read_bytes())
    assert not Disclosure.objects.exists()
