"""A template never filled in (部门名称 上海市XX局, tables without figures) is refused; a document only
partly a template parses with a warning. The PDFs come from tests/pdfgen.py."""
import pytest

from disclosures.parsing import errors, parse
from tests import pdfgen


def render(path, department, lines=True):
    spec = pdfgen.disclosure_spec(department=department, year=2025, performance=False)
    if not lines:
        for table in spec["tables"]:
            table["lines"] = []
    return pdfgen.render_disclosure(path, spec)[0]


def test_template_with_a_placeholder_department_and_empty_tables_is_refused(tmp_path):
    with pytest.raises(errors.BlankTemplate) as caught:
        parse(render(tmp_path / "template.pdf", "上海市XX局", lines=False))
    assert caught.value.message == "这是一份未填写的模板（部门名称为“上海市XX局”，表格没有数字），不是已公开的预算"


def test_template_whose_amounts_are_placeholders_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfgen, "format_amount", lambda value: "XX")
    with pytest.raises(errors.BlankTemplate):
        parse(render(tmp_path / "template.pdf", "某某区某某局"))


def test_placeholder_department_with_real_figures_parses_with_a_warning(tmp_path):
    result = parse(render(tmp_path / "half.pdf", "上海市××局"))
    assert result["tables"] and result["document"]["department"] == "上海市××局"
    assert "部门名称“上海市××局”含模板占位符，可能是未填写完整的模板" in result["warnings"]


def test_named_department_with_empty_tables_parses_with_a_warning(tmp_path):
    result = parse(render(tmp_path / "empty.pdf", "上海市测试局", lines=False))
    assert "所有表格都没有数字，可能是未填写的模板" in result["warnings"]


def test_a_filled_in_disclosure_has_no_template_warning(tmp_path):
    result = parse(render(tmp_path / "real.pdf", "上海市测试局"))
    assert not [w for w in result["warnings"] if "模板" in w]
