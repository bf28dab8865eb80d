"""The workflow says why: disabled actions give their real reason; 退回 and 撤回 are their own steps,
a returned disclosure shows the reviewer's comment, and submitting with open errors asks for confirmation."""
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures import workflow
from disclosures.models import Disclosure, Finding, StatusChange
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, finding, ingested, line, staff, table

pytestmark = pytest.mark.django_db

NOT_PASSED = "还有 1 个错误未处理；请逐条说明理由后放行"
SUBMIT_WARNING = "还有 1 个错误未处理，审核员需逐条放行后才能通过"


def sample(department="财政局", user=None):
    """A disclosure of one table with exactly one open error and one info finding."""
    record = ingested(disclosure(department, tables=[table("general_budget_expense", [
        line("合计", row_type="total", total="100.00"),
        line("行政运行", "2010301", total="100.00"),
    ])]), user=user)
    Finding.objects.filter(disclosure=record).delete()
    finding(record, "E01", message="合计与明细不符")
    finding(record, "I01", severity="info", message="仅供参考")
    return record


@pytest.fixture
def clerk():
    return staff("clerk", CLERK)


@pytest.fixture
def record(clerk):
    record = sample(user=clerk)
    clerk.departments.add(record.department)
    return record


@pytest.fixture
def reviewer():
    user = staff("reviewer", REVIEWER)
    user.first_name = "李审核"
    user.save()
    return user


def status(record):
    return Disclosure.objects.get(pk=record.pk).status


def submit(record, user):
    """Submit through the workflow, confirming the open errors."""
    return workflow.perform(record, "submit", user, confirmed=True)


def post(client, record, name, **data):
    return client.post(reverse("disclosures:transition", args=[record.pk, name]), data, follow=True)


def refusals(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def page(client, record):
    return client.get(record.get_absolute_url()).content.decode()


def error_of(record):
    return Finding.objects.get(disclosure=record, severity="error")


def test_a_reviewer_sees_that_open_errors_not_permission_block_approval(client, record, clerk, reviewer):
    submit(record, clerk)
    client.force_login(reviewer)
    html = page(client, record)
    assert f'disabled title="{NOT_PASSED}" data-action="approve"' in html
    assert f'<span class="muted">{NOT_PASSED}</span>' in html
    assert "您没有执行此操作的权限" not in html
    workflow.override(error_of(record), reviewer, "原文如此")
    assert workflow.describe(Disclosure.objects.get(pk=record.pk), "approve", reviewer).allowed


def test_the_uploader_is_told_they_cannot_review_their_own_upload(client, record, clerk, reviewer):
    Disclosure.objects.filter(pk=record.pk).update(uploaded_by=reviewer)
    submit(record, clerk)
    client.force_login(reviewer)
    html = page(client, record)
    for name in ("approve", "send_back"):
        assert f'disabled title="上传人不能审核自己上传的文件" data-action="{name}"' in html


def test_reasons_come_in_order_state_then_permission(record, clerk, reviewer):
    assert workflow.describe(record, "approve", reviewer).reason == "当前状态不能执行此操作"
    submitted = submit(record, clerk)
    other = staff("other", CLERK, [record.department])
    assert workflow.describe(submitted, "approve", other).reason == "您没有执行此操作的权限"
    assert workflow.describe(submitted, "withdraw", other).reason == "只有提交人可以撤回"


def test_the_submitter_withdraws_and_it_is_logged(client, record, clerk):
    submit(record, clerk)
    client.force_login(clerk)
    assert 'data-action="withdraw">撤回</button>' in page(client, record)
    post(client, record, "withdraw")
    assert status(record) == Disclosure.Status.DRAFT
    change = StatusChange.objects.filter(disclosure=record).last()
    assert (change.transition, change.source, change.target, change.by) == ("withdraw", "submitted", "draft", clerk)


def test_another_clerk_cannot_withdraw_nor_anyone_after_the_decision(client, record, clerk, reviewer):
    submit(record, clerk)
    client.force_login(staff("other", CLERK, [record.department]))
    assert refusals(post(client, record, "withdraw")) == ["只有提交人可以撤回"]
    assert status(record) == Disclosure.Status.SUBMITTED
    workflow.override(error_of(record), reviewer, "原文如此")
    workflow.perform(record, "approve", reviewer)
    client.force_login(clerk)
    assert refusals(post(client, record, "withdraw")) == ["当前状态不能执行此操作"]
    assert status(record) == Disclosure.Status.APPROVED


def test_send_back_returns_it_with_the_comment_on_the_dashboard_and_the_page(client, record, clerk, reviewer):
    submit(record, clerk)
    client.force_login(reviewer)
    post(client, record, "send_back", comment="表5 合计请与原文核对")
    assert status(record) == Disclosure.Status.RETURNED
    assert Disclosure.objects.get(pk=record.pk).is_editable
    client.force_login(clerk)
    dashboard = client.get(reverse("disclosures:dashboard"))
    assert [d.pk for d in dashboard.context["awaiting"]] == [record.pk]
    for html in (dashboard.content.decode(), page(client, record)):
        assert '<span class="badge returned">已退回</span>' in html
        assert "表5 合计请与原文核对" in html and "李审核" in html
    post(client, record, "submit", confirm="1")
    assert status(record) == Disclosure.Status.SUBMITTED
    assert 'class="return-note"' not in page(client, record)


def test_the_dashboard_costs_the_same_queries_however_many_are_returned(client, record, clerk, reviewer):
    def return_(item):
        submit(item, clerk)
        workflow.perform(item, "send_back", reviewer, comment=f"请核对 {item.department}")

    client.force_login(reviewer)
    return_(record)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("disclosures:dashboard"))
    for name in ("教育局", "卫生局"):
        return_(sample(name, user=clerk))
    with CaptureQueriesContext(connection) as three:
        html = client.get(reverse("disclosures:dashboard")).content.decode()
    assert "请核对 教育局" in html and "请核对 卫生局" in html
    assert len(three) == len(one)


def test_submitting_with_open_errors_warns_and_waits_for_confirmation(client, record, clerk):
    client.force_login(clerk)
    html = page(client, record)
    assert SUBMIT_WARNING in html and 'name="confirm" value="1"' in html
    response = post(client, record, "submit", comment="请审核")
    assert status(record) == Disclosure.Status.DRAFT
    assert not StatusChange.objects.filter(disclosure=record).exists()
    assert [f"{SUBMIT_WARNING}。请确认后再提交。"] == refusals(response)
    post(client, record, "submit", comment="请审核", confirm="1")
    assert status(record) == Disclosure.Status.SUBMITTED


def test_without_open_errors_submitting_needs_no_confirmation(client, record, clerk):
    Finding.objects.filter(disclosure=record, severity="error").delete()
    client.force_login(clerk)
    assert "name=\"confirm\"" not in page(client, record)
    post(client, record, "submit")
    assert status(record) == Disclosure.Status.SUBMITTED


def test_the_migration_marks_disclosures_sent_back_before_it_as_returned(record, clerk, reviewer):
    migration = import_module("disclosures.migrations.0007_returned_status")
    sent_back, untouched = record, sample("教育局", user=clerk)
    for item in (sent_back, untouched):
        StatusChange.objects.create(disclosure=item, transition="submit", source="draft", target="submitted",
                                    by=clerk)
    StatusChange.objects.create(disclosure=sent_back, transition="send_back", source="submitted", target="draft",
                                by=reviewer, comment="旧的退回")
    migration.mark_returned(apps, None)
    assert (status(sent_back), status(untouched)) == (Disclosure.Status.RETURNED, Disclosure.Status.DRAFT)
