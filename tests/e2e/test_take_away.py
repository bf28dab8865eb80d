"""In a real browser, what staff take away: a search from the nav box, the composition chart, and the
downloads (budget-line CSV, the open-data package, the annotated PDF). Screenshots to ``artifacts/e2e/``."""
import csv
import io
import json
import zipfile

import pytest

from disclosures.ingest import ingest
from tests.e2e.helpers import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(staff, sample_parsed, sample_pdf):
    return ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                  user=staff[0], page_count=39).disclosure


def test_search_box_finds_lines_and_projects_grouped_with_the_match_marked(live_server, browser, sample):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in(page, live_server.url, "reviewer")
    page.fill("header.site input[name=q]", "行政运行")
    page.press("header.site input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=*")
    headings = page.locator("main h2").all_inner_texts()
    assert any("预算行" in h for h in headings), headings
    marks = page.locator("main mark").all_inner_texts()
    assert marks and set(marks) == {"行政运行"}
    shot(page, "10-search")


def test_the_disclosure_page_draws_its_composition_with_values_on_hover(live_server, browser, sample):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in(page, live_server.url, "reviewer")
    page.goto(f"{live_server.url}{sample.get_absolute_url()}#composition")
    charts = page.locator("#composition svg[role=img]")
    assert charts.count() >= 2
    titles = page.locator("#composition svg rect title").all_text_contents()
    assert titles and all("：" in t and any(ch.isdigit() for ch in t) for t in titles)
    page.locator("#composition").scroll_into_view_if_needed()
    shot(page, "11-composition-chart")


def test_downloads_of_lines_open_data_and_the_annotated_pdf(live_server, browser, sample):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    sign_in(page, live_server.url, "reviewer")
    page.goto(f"{live_server.url}/lines/?code=201")
    shot(page, "12-lines-before-export")
    with page.expect_download() as download:
        page.click("a:text-is('CSV')")
    header, *rows = csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read()))
    assert header[:3] == ["部门", "年度", "类型"] and "合计" in header
    assert rows and all(row[header.index("编码")].startswith("201") for row in rows)
    page.goto(f"{live_server.url}{sample.get_absolute_url()}")
    with page.expect_download() as download:
        page.click("text=开放数据包（ZIP）")
    with zipfile.ZipFile(download.value.path()) as package:
        descriptor = json.loads(package.read("datapackage.json"))
    assert descriptor["resources"]
    with page.expect_download() as download:
        page.click("text=批注版 PDF")
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
