"""End to end in a real browser: a clerk corrects a value and submits, a reviewer approves.

Playwright drives Debian's chromium (``scripts/browser.sh`` installs it; Playwright's own
browser download is not used). Screenshots of each step go to ``artifacts/e2e/``.
"""
import pytest
from django.urls import reverse

from disclosures.ingest import ingest
from disclosures.models import Disclosure, LineAmount
from tests.e2e.helpers import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_clerk_corrects_and_submits_reviewer_approves(live_server, browser, staff, sample_parsed, sample_pdf):
    clerk, reviewer = staff
    disclosure = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                        user=clerk, page_count=39).disclosure
    disclosure.department.members.add(clerk)
    line = disclosure.lines.get(table__kind="expense_summary", code="2010301")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")

    sign_in(page, base, "clerk")
    shot(page, "1-clerk-dashboard")
    page.click(f"text={disclosure.department.name}")
    page.click(f"#line-{line.pk} a.edit-line")
    page.fill("input[name=amount_total]", "519.80")
    page.fill("input[name=amount_basic]", "519.80")
    page.fill("textarea[name=reason], input[name=reason]", "与部门核对原始报表后更正")
    shot(page, "2-clerk-corrects-a-value")
    page.click("form.edit button[type=submit]")  # in the side panel (tests/e2e/test_inline_edit.py)
    page.wait_for_selector(f"#line-{line.pk} td.changed")
    page.goto(f"{base}{disclosure.get_absolute_url()}?line={line.pk}#line-{line.pk}")
    assert page.locator(f"#line-{line.pk} td.changed").count() == 2
    page.wait_for_load_state("networkidle")  # the source page image beside the table
    shot(page, "3-changed-cells-marked")
    page.fill("#comment", "已更正行政运行，请审核")
    assert "审核员需逐条放行后才能通过" in page.inner_text("form.workflow")
    page.check("input[name=confirm]")  # the sample's open errors: submitting asks for confirmation
    page.click("button[data-action=submit]")
    assert "已提交" in page.inner_text("h1")
    page.click("header.site button[type=submit]")

    sign_in(page, base, "reviewer")
    page.click(f"text={disclosure.department.name}")
    approve = page.locator("button[data-action=approve]")
    while page.locator("input[name=reason]").count():  # override each open error, with a reason
        page.locator("input[name=reason]").first.fill("原文印刷如此，已与部门核实")
        page.locator(".finding form button").first.click()
    shot(page, "4-reviewer-before-approval")
    assert approve.is_enabled()
    approve.click()
    assert "已审核" in page.inner_text("h1")
    shot(page, "5-approved")

    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.APPROVED
    assert LineAmount.objects.get(line=line, column="total").printed == "519.80"
    assert disclosure.status_changes.count() == 2


def test_phone_width_page_does_not_scroll_sideways(live_server, browser, staff, sample_parsed, sample_pdf):
    """At 390 px the nav keeps one line per link and wide tables scroll inside their frame, not the page."""
    disclosure = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                        user=staff[0], page_count=39).disclosure
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    sign_in(page, live_server.url, "reviewer")
    page.goto(f"{live_server.url}{disclosure.get_absolute_url()}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    heights = page.eval_on_selector_all("header.site nav a", "links => links.map(a => a.getBoundingClientRect().height)")
    assert heights and max(heights) < 30, heights  # one 21 px line each, not a character per line
    assert page.eval_on_selector_all(".table-scroll", "fs => fs.some(f => f.scrollWidth > f.clientWidth)")
    shot(page, "9-phone-390px")
    assert page.locator("nav.contents li").count() >= 11  # the contents: a plain list at 390 px
    assert page.eval_on_selector("nav.contents ol", "ol => getComputedStyle(ol).columnCount") in ("1", "auto")


def test_review_page_contents_row_selection_zoom_and_edit_back_to_the_row(live_server, browser, staff, sample_parsed,
                                                                           sample_pdf):
    """The contents lead to a table, 收入 | 支出 sit side by side, selecting a row shows its page without
    reloading, the page image zooms, the edit form shows the page and saving returns to the row."""
    clerk, _reviewer = staff
    disclosure = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                        user=clerk, page_count=39).disclosure
    disclosure.department.members.add(clerk)
    first = disclosure.tables.order_by("order").first()
    line = disclosure.lines.get(table__kind="expense_summary", code="2010301")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    sign_in(page, base, "clerk")
    page.goto(f"{base}{disclosure.get_absolute_url()}")
    shot(page, "6-contents")
    page.click(f"nav.contents a[href='#table-{first.pk}']")
    assert page.url.endswith(f"#table-{first.pk}")
    assert page.locator(f"#table-{first.pk} table.two-sided").count() == 1
    shot(page, "7-two-sided-table")

    page.evaluate("window.notReloaded = true")
    page.click(f"#line-{line.pk} a[data-line]")
    page.wait_for_selector(".page-view .frame img")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.notReloaded") is True  # the page image came alone
    assert page.url.endswith(f"?line={line.pk}#line-{line.pk}")
    assert page.locator(f"#line-{line.pk}.selected").count() == 1
    assert page.locator(".page-view .highlight").count() == 1
    shot(page, "8-row-selected-page-beside")
    page.click(".page-view .frame")
    assert page.locator(".page-view .frame.zoomed").count() == 1
    shot(page, "8b-page-zoomed")
    page.click(".page-view .frame")

    page.goto(f"{base}{reverse('disclosures:line_edit', args=[line.pk])}")  # the edit page, as without JavaScript
    page.wait_for_selector(".page-view .frame img")
    page.wait_for_load_state("networkidle")
    assert page.locator(".page-view .highlight").count() == 1
    shot(page, "8c-edit-form-beside-its-page")
    page.fill("input[name=amount_total]", "519.80")
    page.fill("input[name=amount_basic]", "519.80")
    page.fill("textarea[name=reason], input[name=reason]", "与部门核对原始报表后更正")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(f"**/?line={line.pk}#line-{line.pk}")
    assert page.locator(f"#line-{line.pk}.selected td.changed").count() == 2
    top = page.evaluate(f"document.getElementById('line-{line.pk}').getBoundingClientRect().top")
    assert 0 <= top < 900  # back at the row, not at the top of the page
    shot(page, "8d-back-at-the-row")
