"""Optimistic locking of the edit pages: a save from a form older than the records is refused.

Alice opens a form, Bob opens the same one and saves; Alice's save of her older form must
not put Bob's values back: she gets 409, the current values and her reason, and saves from there.
"""
import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from disclosures.models import BudgetLine, LineAmount, Project
from disclosures.roles import CLERK
from disclosures.views.editing import ProjectEditView
from tests.builders import disclosure, ingested, line, project, staff, table
from tests.edit_forms import sent_back

pytestmark = pytest.mark.django_db

ALICE_REASON, BOB_REASON = "与原文第 3 页核对", "按批复更正"
STALE = "您看到的是旧数据。"


def row(name, code=None, *, row_type="detail", **amounts):
    return {**line(name, code, row_type=row_type), "amounts": amounts}


@pytest.fixture
def record():
    return ingested(disclosure("财政局", tables=[table("general_budget_expense", [
        row("合计", row_type="total", total="300.00"),
        row("行政运行", "2010301", total="100.00", basic="100.00"),
        row("一般行政管理事务", "2010302", total="200.00"),
    ])], projects=[project("信息化建设", "1200.00")]))


@pytest.fixture
def alice(record, client):
    client.force_login(staff("alice", CLERK, [record.department]))
    return client


@pytest.fixture
def bob(record):
    bob = Client()
    bob.force_login(staff("bob", CLERK, [record.department]))
    return bob


def the_line(record, code):
    return BudgetLine.objects.get(disclosure=record, code=code)


def total(record, code):
    return the_line(record, code).amounts.get(column="total").printed


def saved_with(reason):
    """Whether any history row carries ``reason``."""
    return any(model.history.filter(history_change_reason=reason).exists()
               for model in (BudgetLine, LineAmount, Project))


def shows_input(page, name, value):
    return re.search(rf'name="{name}" value="{re.escape(value)}"', page) is not None


def line_url(record, code="2010301"):
    return reverse("disclosures:line_edit", args=[the_line(record, code).pk])


def test_a_line_saved_from_a_stale_form_is_refused_with_the_current_values(alice, bob, record):
    url = line_url(record)
    alices_form = alice.get(url)
    assert bob.post(url, sent_back(bob.get(url), amount_total="150.00", reason=BOB_REASON)).status_code == 302

    response = alice.post(url, sent_back(alices_form, name="行政运行（改）", reason=ALICE_REASON))
    assert response.status_code == 409
    assert total(record, "2010301") == "150.00" and the_line(record, "2010301").name == "行政运行"
    assert not saved_with(ALICE_REASON)
    page = response.content.decode()
    assert re.search(r"此记录已被 bob 于 \d{4}-\d\d-\d\d \d\d:\d\d 修改，您看到的是旧数据。", page)
    assert "下面是当前的值，请核对后重新修改。" in page
    assert shows_input(page, "amount_total", "150.00") and shows_input(page, "name", "行政运行")
    assert shows_input(page, "reason", ALICE_REASON)

    again = alice.post(url, sent_back(response, name="行政运行（改）"))
    assert again.status_code == 302
    assert the_line(record, "2010301").name == "行政运行（改）" and total(record, "2010301") == "150.00"
    assert saved_with(ALICE_REASON)


def test_a_table_is_stale_when_any_of_its_lines_changed_and_says_which(alice, bob, record):
    url = reverse("disclosures:table_edit", args=[record.tables.get().pk])
    alices_form = alice.get(url)
    other = line_url(record, "2010302")
    assert bob.post(other, sent_back(bob.get(other), amount_total="250.00", reason=BOB_REASON)).status_code == 302

    response = alice.post(url, sent_back(alices_form, **{"form-1-amount_total": "110.00", "reason": ALICE_REASON}))
    assert response.status_code == 409
    assert total(record, "2010301") == "100.00" and total(record, "2010302") == "250.00"
    assert not saved_with(ALICE_REASON)
    page = response.content.decode()
    assert STALE in page and "有变动的行：2010302 一般行政管理事务。" in page and "2010301 行政运行" not in page
    assert shows_input(page, "form-2-amount_total", "250.00") and shows_input(page, "reason", ALICE_REASON)

    assert alice.post(url, sent_back(response, **{"form-1-amount_total": "110.00"})).status_code == 302
    assert total(record, "2010301") == "110.00" and total(record, "2010302") == "250.00"


def test_a_project_saved_from_a_stale_form_is_refused_with_the_current_values(alice, bob, record):
    url = reverse("disclosures:project_edit", args=[Project.objects.get(disclosure=record).pk])
    alices_form = alice.get(url)
    assert bob.post(url, sent_back(bob.get(url), amount_printed="1,250.00", reason=BOB_REASON)).status_code == 302

    response = alice.post(url, sent_back(alices_form, unit_name="信息中心", reason=ALICE_REASON))
    assert response.status_code == 409
    item = Project.objects.get(disclosure=record)
    assert (item.amount_printed, item.unit_name) == ("1250.00", "") and not saved_with(ALICE_REASON)
    page = response.content.decode()
    assert "此记录已被 bob 于" in page and STALE in page
    assert shows_input(page, "amount_printed", "1,250.00") and shows_input(page, "reason", ALICE_REASON)

    assert alice.post(url, sent_back(response, unit_name="信息中心")).status_code == 302
    item.refresh_from_db()
    assert (item.amount_printed, item.unit_name) == ("1250.00", "信息中心")


@pytest.mark.parametrize("fingerprint", [
    None, "", "not-signed", signing.dumps({"1": "0" * 16}, salt="elsewhere"),
], ids=["missing", "blank", "unsigned", "signed-elsewhere"])
def test_a_post_without_a_valid_fingerprint_saves_nothing_and_shows_the_form_again(alice, record, fingerprint):
    url = line_url(record)
    data = sent_back(alice.get(url), amount_total="1.00", reason=ALICE_REASON)
    if fingerprint is None:
        del data["fingerprint"]
    else:
        data["fingerprint"] = fingerprint
    response = alice.post(url, data)
    assert response.status_code == 400 and "页面缺少数据版本信息" in response.content.decode()
    assert total(record, "2010301") == "100.00" and not saved_with(ALICE_REASON)
    assert alice.post(url, sent_back(response, amount_total="1.00")).status_code == 302
    assert total(record, "2010301") == "1.00"


def test_a_single_user_saves_one_correction_after_another(alice, record):
    url = line_url(record)
    first = alice.get(url)
    assert alice.post(url, sent_back(first, amount_total="1.00", reason="第一次")).status_code == 302
    assert alice.post(url, sent_back(alice.get(url), amount_basic="2.00", reason="第二次")).status_code == 302
    assert dict(the_line(record, "2010301").amounts.values_list("column", "printed")) == {"total": "1.00",
                                                                                        "basic": "2.00"}
    resubmitted = alice.post(url, sent_back(first, amount_total="3.00", reason="第三次"))
    assert resubmitted.status_code == 409 and "此记录已被 alice 于" in resubmitted.content.decode()


def test_an_invalid_stale_form_corrected_after_someone_saved_is_still_refused(alice, bob, record):
    url = line_url(record)
    invalid = alice.post(url, sent_back(alice.get(url), amount_total="12元", reason=ALICE_REASON))
    assert invalid.status_code == 200 and "不是金额" in invalid.content.decode()
    assert bob.post(url, sent_back(bob.get(url), amount_total="150.00", reason=BOB_REASON)).status_code == 302
    assert alice.post(url, sent_back(invalid, amount_total="120.00")).status_code == 409
    assert total(record, "2010301") == "150.00"


def test_a_change_saved_without_history_still_makes_the_form_stale(alice, record):
    url = line_url(record)
    alices_form = alice.get(url)
    LineAmount.objects.filter(line__code="2010301", column="basic").update(printed="90.00")
    response = alice.post(url, sent_back(alices_form, amount_total="1.00", reason=ALICE_REASON))
    assert response.status_code == 409 and "此记录已被他人修改，您看到的是旧数据。" in response.content.decode()
    assert total(record, "2010301") == "100.00"


def test_a_stale_form_with_invalid_input_is_refused_as_stale_not_shown_again_as_posted(alice, bob, record):
    url = line_url(record)
    alices_form = alice.get(url)
    assert bob.post(url, sent_back(bob.get(url), amount_total="150.00", reason=BOB_REASON)).status_code == 302
    response = alice.post(url, sent_back(alices_form, amount_basic="12元", reason=ALICE_REASON))
    assert response.status_code == 409 and shows_input(response.content.decode(), "amount_total", "150.00")


def test_a_save_landing_between_loading_the_record_and_locking_it_is_detected(alice, record, monkeypatch):
    url = reverse("disclosures:project_edit", args=[Project.objects.get(disclosure=record).pk])
    alices_form = alice.get(url)
    check_access = ProjectEditView.check_access

    def then_bob_saves(view):
        refusal = check_access(view)
        Project.objects.filter(pk=view.object.pk).update(amount_printed="1250.00")
        return refusal

    monkeypatch.setattr(ProjectEditView, "check_access", then_bob_saves)
    response = alice.post(url, sent_back(alices_form, unit_name="信息中心", reason=ALICE_REASON))
    assert response.status_code == 409
    assert Project.objects.filter(amount_printed="1250.00", unit_name="").exists()
