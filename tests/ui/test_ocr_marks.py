"""A disclosure read by OCR on the review page: each read cell tells its confidence, the doubtful ones
are marked and counted, outlined on the scan beside them; a clerk's correction is no longer a reading."""
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.ingest import ingest
from disclosures.models import LineAmount
from disclosures.resources import LineAmountResource
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, ingested, line, staff, table
from tests.conftest import SAMPLE_PDF
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

REASON = "与扫描件第 2 页核对"
DOUBT = {"page": 2, "bbox": [300.0, 200.0, 360.0, 214.0], "row": "行政运行", "value": "908.55",
         "confidence": 0.82, "message": "第 2 页“行政运行”行的金额 908.55 识别置信度低（0.82），请对照扫描件核对"}


def scanned(*, readings=None, warnings=(), name="扫描局"):
    data = disclosure(name, tables=[table("general_budget_expense", [
        line("合计", row_type="total", total="15908.55", basic="908.55", page=2),
        line("行政运行", "2010301", total="908.55", basic="908.55", page=2),
        line("一般行政管理事务", "2010302", total="15000.00", page=2),
    ], pages=(2,))])
    if readings is None:
        readings = [[2, "合计", "15,908.55", 0.991], [2, "合计", "908.55", 0.97],
                    [2, "行政运行", "908.55", 0.82], [2, "行政运行", "908.55", 0.95],
                    [2, "一般行政管理事务", "15000.00", 0.973]]
    data["warnings"] = [{"kind": "ocr", "message": f"本文件为扫描件，经 OCR 识别：{len(readings)} 个金额，置信度中位数 0.97，"
                                                   f"1 个需核对", "readings": readings}, *warnings]
    return data


def cell_tags(html):
    """The opening tags of the amount cells of the page's tables."""
    return re.findall(r'<td class="num[^"]*"[^>]*>', html)


def page(client, record, **params):
    return client.get(record.get_absolute_url(), params).content.decode()


@pytest.fixture
def reviewer(client, role_groups):
    user = staff("reviewer", REVIEWER)
    client.force_login(user)
    return user


def test_doubtful_cells_are_highlighted_and_every_read_cell_tells_its_confidence(client, reviewer):
    record = ingested(scanned(warnings=[DOUBT]))
    tags = cell_tags(page(client, record))
    doubtful = [t for t in tags if "ocr-doubtful" in t]
    read = [t for t in tags if "ocr-read" in t]
    # 行政运行's two 908.55 cells share the least sure of their two readings
    assert len(doubtful) == 2 and all('title="OCR 识别置信度 0.82，请对照扫描件核对"' in t for t in doubtful)
    assert sorted(re.search(r'title="([^"]+)"', t)[1] for t in read) == [
        "OCR 识别置信度 0.97", "OCR 识别置信度 0.973", "OCR 识别置信度 0.991"]
    assert len(tags) == 6 and tags.count('<td class="num">') == 1  # 一般行政管理事务 has no 基本支出


def test_a_disclosure_not_read_by_ocr_has_no_marks_and_no_banner(client, reviewer):
    data = scanned()
    data["warnings"] = []
    html = page(client, ingested(data))
    assert "ocr-" not in html and "OCR" not in html


def test_the_banner_counts_the_readings_and_links_the_first_doubtful_cell(client, reviewer):
    record = ingested(scanned(warnings=[DOUBT]))
    html = page(client, record)
    first = LineAmount.objects.get(line__disclosure=record, line__code="2010301", column="total")
    banner = html.split('id="ocr-banner"', 1)[1].split("</div>\n", 1)[0]
    assert "本文件为扫描件，金额经 OCR 识别" in banner
    assert "5 个金额带有识别置信度" in banner and "其中 2 个置信度低于 0.9" in banner
    assert f'href="#amount-{first.pk}"' in banner and f'id="amount-{first.pk}"' in html
    assert "置信度中位数 0.97" in banner
    assert html.index('id="ocr-banner"') < html.index('id="contents"')


def test_the_banner_says_when_nothing_needs_checking(client, reviewer):
    html = page(client, ingested(scanned(readings=[[2, "合计", "15908.55", 0.99]])))
    assert "1 个金额带有识别置信度" in html and "没有置信度低于 0.9 的金额" in html and "ocr-doubtful" not in html


def test_the_parser_warnings_show_the_doubts_by_message_linked_to_their_cell(client, reviewer):
    elsewhere = {**DOUBT, "page": 3, "message": "第 3 页的金额 908.55 识别置信度低"}
    record = ingested(scanned(warnings=[DOUBT, "表3（第 12 页）：总计与各行之和不符", elsewhere]))
    html = page(client, record)
    listed = html.split("parse-warnings", 1)[1].split("</details>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", listed)
    assert "解析警告</strong>（3）" in listed and len(items) == 3
    first = LineAmount.objects.get(line__disclosure=record, line__code="2010301", column="total")
    assert items[0] == f'{DOUBT["message"]} <a href="#amount-{first.pk}">定位到表中</a>'
    assert items[1] == "表3（第 12 页）：总计与各行之和不符" and items[2] == elsewhere["message"]
    assert "readings" not in listed and "bbox" not in html


def test_a_clerks_correction_clears_the_confidence_and_history_keeps_the_reading(client, role_groups):
    record = ingested(scanned(warnings=[DOUBT]))
    clerk = staff("clerk", CLERK, [record.department])
    client.force_login(clerk)
    target = record.lines.get(code="2010301")
    url = reverse("disclosures:line_edit", args=[target.pk])
    sent = {**form_data(client.get(url).content.decode()), "amount_total": "908.56", "reason": REASON}
    assert client.post(url, sent).status_code == 302
    corrected, kept = (target.amounts.get(column=c) for c in ("total", "basic"))
    assert (corrected.printed, corrected.ocr_confidence) == ("908.56", None)
    assert kept.ocr_confidence == Decimal("0.820")  # saved alongside, unchanged: still the reading
    change, before = corrected.history.all()[:2]
    assert (change.ocr_confidence, change.history_change_reason, change.history_user) == (None, REASON, clerk)
    assert (before.printed, before.ocr_confidence) == ("908.55", Decimal("0.820"))
    history = client.get(reverse("disclosures:history", args=[record.pk]))
    assert history.status_code == 200 and "908.56" in history.content.decode()
    tags = cell_tags(page(client, record))
    assert sum("ocr-doubtful" in t for t in tags) == 1 and "其中 1 个置信度低于 0.9" in page(client, record)


def test_saving_an_amount_unchanged_keeps_its_confidence():
    record = ingested(scanned())
    cell = LineAmount.objects.get(line__disclosure=record, line__code="2010301", column="total")
    cell.printed = "908.55"
    cell.save()
    cell.refresh_from_db()
    assert cell.ocr_confidence == Decimal("0.820")


def test_the_admin_shows_the_confidence_and_nobody_types_it(client, role_groups):
    record = ingested(scanned())
    client.force_login(staff("clerk", CLERK, [record.department]))
    cell = LineAmount.objects.get(line__disclosure=record, line__code="2010301", column="total")
    url = reverse("admin:disclosures_lineamount_change", args=[cell.pk])
    html = client.get(url).content.decode()
    assert "OCR 识别置信度" in html and "0.820" in html
    sent = form_data(html)
    assert "ocr_confidence" not in sent
    response = client.post(url, {**sent, "ocr_confidence": "0.999", "change_reason": REASON})
    assert response.status_code == 302
    cell.refresh_from_db()
    assert cell.ocr_confidence == Decimal("0.820")
    line_html = client.get(reverse("admin:disclosures_budgetline_change", args=[cell.line_id])).content.decode()
    assert "OCR 识别置信度" in line_html and 'name="amounts-0-ocr_confidence"' not in line_html


def test_the_marks_cost_no_query(client, reviewer):
    plain = scanned(name="扫描局")
    plain["warnings"] = []

    def queries(data):
        record = ingested(data)
        page(client, record)  # warm caches
        with CaptureQueriesContext(connection) as captured:
            page(client, record)
        return len(captured)

    assert queries(scanned(warnings=[DOUBT], name="乙局")) == queries(plain)


def test_the_doubtful_values_are_outlined_on_the_page_image(client, reviewer):
    data = scanned(warnings=[DOUBT, {**DOUBT, "page": 3}, {**DOUBT, "bbox": [10, 10, 20, 20], "confirmed": True}])
    record = ingest(data, source_bytes=SAMPLE_PDF.read_bytes(), source_name="scan.pdf", page_count=39).disclosure
    target = record.lines.get(code="2010301")
    html = page(client, record, line=target.pk, fragment="page")
    boxes = re.findall(r'<div class="ocr-box" title="([^"]+)" style="([^"]+)"', html)
    assert [title for title, _style in boxes] == [DOUBT["message"]]  # this page's, not confirmed
    assert "left: " in boxes[0][1] and "%" in boxes[0][1]
    assert 'class="ocr-box"' not in page(client, record, page=4, fragment="page")


def test_the_amount_export_has_an_ocr_confidence_column():
    record = ingested(scanned())
    cells = LineAmount.objects.filter(line__disclosure=record).order_by("id")
    dataset = LineAmountResource().export(cells)
    assert dataset.headers[-1] == "OCR 置信度"
    assert [row[-1] for row in dataset] == [Decimal("0.991"), Decimal("0.970"), Decimal("0.820"), Decimal("0.820"),
                                            Decimal("0.973")]


def test_the_tables_an_inline_edit_swaps_in_bring_the_banner_with_them(client, reviewer):
    record = ingested(scanned(warnings=[DOUBT]))
    html = page(client, record, fragment="tables")
    assert 'id="ocr-banner"' in html and "其中 2 个置信度低于 0.9" in html
    plain = scanned(name="乙局")
    plain["warnings"] = []
    assert 'id="ocr-banner"' not in page(client, ingested(plain), fragment="tables")
