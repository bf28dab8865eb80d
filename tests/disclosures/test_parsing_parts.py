"""Parts other apps parse: registered once Django is set up, so every parse reads them."""
from disclosures.parsing import parts
from performance.parsing import parse_targets


def test_performance_registers_its_targets_parser():
    assert parts.PARSERS["performance_targets"] is parse_targets


def test_parse_parts_runs_each_registered_parser_over_the_pages(monkeypatch):
    monkeypatch.setattr(parts, "PARSERS", {})
    parts.register("things", lambda pages, warnings: [len(pages)] + warnings)
    assert parts.parse_parts(["p1", "p2"], ["w"]) == {"performance_targets": [], "things": [2, "w"]}


def test_a_part_nobody_registers_is_an_empty_list(monkeypatch):
    monkeypatch.setattr(parts, "PARSERS", {})
    assert parts.parse_parts(["p1"], []) == {"performance_targets": []}
