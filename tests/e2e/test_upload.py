"""In a real browser: a clerk uploads a file, the progress bar follows the job without a reload, the
preview appears when the worker is done, and 确认导入 lands on the review page. The test plays the
worker: the upload's job is not run by the request but by the test, step by step."""
import json
import re

import pytest

from disclosures import tasks
from disclosures.models import Disclosure, ImportJob
from tests.e2e.helpers import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_progress_bar_then_preview_then_confirm(live_server, browser, staff, sample_parsed, tmp_path,
                                                monkeypatch):
    monkeypatch.setattr(tasks.import_job, "delay", lambda job_id: None)  # no worker: the test runs the job
    upload = tmp_path / "预算公开.json"
    upload.write_text(json.dumps(sample_parsed, ensure_ascii=False), encoding="utf-8")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    sign_in(page, base, "clerk")
    page.click("header.site >> text=导入")
    page.click("text=上传文件")
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    job = ImportJob.objects.get()
    assert page.url == f"{base}/imports/{job.pk}/"
    page.evaluate("window.stillThisPage = true")
    tasks.mark(job, status=ImportJob.Status.PARSING, pages_done=10, pages_total=40)
    page.wait_for_function("document.getElementById('job-bar').value === 25")
    assert "已读 10 / 40 页" in page.inner_text("#job-progress")
    assert page.evaluate("window.stillThisPage") is True  # updated in place, not reloaded
    shot(page, "import-1-progress")
    tasks.import_job.apply(args=[job.pk])  # the worker finishes: the page reloads itself once
    page.wait_for_selector("text=确认导入")
    assert "检查发现" in page.inner_text("main") and sample_parsed["document"]["department"] in page.inner_text("h2")
    shot(page, "import-2-preview")
    page.click("button:has-text('确认导入')")
    disclosure = Disclosure.objects.get()
    page.wait_for_url(f"{base}{disclosure.get_absolute_url()}")
    shot(page, "import-3-review-page")
