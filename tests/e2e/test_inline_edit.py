"""In a real browser: a line corrected in the disclosure page's side panel, without loading the page again."""
import pytest

from disclosures.ingest import ingest
from disclosures.models import LineAmount
from tests.e2e.helpers import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_clerk_corrects_an_amount_in_the_side_panel_without_a_page_load(live_server, browser, staff, sample_parsed,
                                                                         sample_pdf):
    clerk, _reviewer = staff
    disclosure = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                        user=clerk, page_count=39).disclosure
    disclosure.department.members.add(clerk)
    line = disclosure.lines.get(table__kind="expense_summary", code="2010301")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    sign_in(page, base, "clerk")
    page.goto(f"{base}{disclosure.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")
    loads = page.evaluate("performance.getEntriesByType('navigation').length")

    page.click(f"#line-{line.pk} a.edit-line")
    panel = page.locator(".page-view form.edit")
    panel.wait_for()
    assert page.locator(".page-view .frame img").count() == 1  # the line's page below its form
    page.fill(".page-view input[name=amount_total]", "1.519.80")
    page.fill(".page-view textarea[name=reason], .page-view input[name=reason]", "与部门核对原始报表后更正")
    page.click(".page-view form.edit button[type=submit]")
    page.wait_for_selector(".page-view .invalid")
    assert "不是金额" in page.inner_text(".page-view")  # the form came back with its error, in the panel
    assert page.evaluate("window.notReloaded") is True

    page.fill(".page-view input[name=amount_total]", "1519.80")
    shot(page, "8e-inline-edit")
    page.click(".page-view form.edit button[type=submit]")
    page.wait_for_selector(f"#line-{line.pk} td.changed")
    page.wait_for_load_state("networkidle")
    assert "1,519.80" in page.inner_text(f"#line-{line.pk}")  # the row swapped in, formatted
    assert page.evaluate("window.notReloaded") is True  # no page load
    assert page.evaluate("performance.getEntriesByType('navigation').length") == loads
    assert page.url.endswith(f"?line={line.pk}#line-{line.pk}")
    assert page.locator(f"#line-{line.pk}.selected").count() == 1
    assert page.evaluate(f"document.activeElement.closest('#line-{line.pk}') !== null")  # focus back on the row
    assert "已保存修改" in page.inner_text(".page-view")
    assert page.locator(".page-view .frame img").count() == 1
    shot(page, "8f-inline-edit-saved")
    assert LineAmount.objects.get(line=line, column="total").printed == "1519.80"
