"""The workflow says why: disabled actions give their real reason, 退回 and 撤回 are their own steps,
submitting with open errors asks for confirmation, and every 放行 and transition is in the history."""
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures import workflow
from disclosures.models import BudgetLine, Disclosure, Finding, FindingOverride, StatusChange
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, finding, ingested, line, staff, table

pytestmark = pytest.mark.django_db

NOT_PASSED = "还有 1 个错误未处理；请逐条说明理由后放行"
SUBMIT_WARNING = "还有 1 个错误未处理，审核员需逐条放行后才能通过"


def sample(department="财政局", user=None):
    """A disclosure of one table with exactly one open error and one info finding, uploaded by ``user``,
    who is responsible for its department."""
    record = ingested(disclosure(department, tables=[table("general_budget_expense", [
        line("合计", row_type="total", total="100.00"),
        line("行政运行", "2010301", total="100.00"),
    ])]), user=user)
    Finding.objects.filter(disclosure=record).delete()
    finding(record, "E01", message="合计与明细不符")
    finding(record, "I01", severity="info", message="仅供参考")
    if user is not None:
        user.departments.add(record.department)
    return record


@pytest.fixture
def clerk():
    return staff("clerk", CLERK)


@pytest.fixture
def record(clerk):
    return sample(user=clerk)


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


@pytest.mark.parametrize("case, refusal", [
    ("info", "只有错误需要放行"),
    ("draft", "只有已提交的文件可以放行错误"),
    ("uploader", "上传人不能放行自己上传文件的错误"),
    ("twice", "该错误已放行"),
    ("clerk", "只有审核员可以放行错误"),
])
def test_override_refusals(client, record, clerk, reviewer, case, refusal):
    target = error_of(record)
    user = clerk if case == "clerk" else reviewer
    if case != "draft":
        submit(record, clerk)
    if case == "info":
        target = Finding.objects.get(disclosure=record, severity="info")
    if case == "uploader":
        Disclosure.objects.filter(pk=record.pk).update(uploaded_by=reviewer)
    if case == "twice":
        workflow.override(target, staff("reviewer2", REVIEWER), "第一次")
    logged = FindingOverride.objects.count()
    with pytest.raises(workflow.WorkflowError, match=refusal):
        workflow.override(target, user, "理由")
    assert FindingOverride.objects.count() == logged
    target.refresh_from_db()
    assert target.override_reason in ("", "第一次")


def test_the_page_offers_override_only_on_errors_of_a_submitted_disclosure_not_to_its_uploader(
        client, record, clerk, reviewer):
    client.force_login(reviewer)
    assert 'name="reason"' not in page(client, record)
    submit(record, clerk)
    html = page(client, record)
    error, info = error_of(record), Finding.objects.get(disclosure=record, severity="info")
    assert reverse("disclosures:finding_override", args=[error.pk]) in html
    assert reverse("disclosures:finding_override", args=[info.pk]) not in html
    Disclosure.objects.filter(pk=record.pk).update(uploaded_by=reviewer)
    assert 'name="reason"' not in page(client, record)


def test_history_lists_every_transition_and_each_override_with_its_reason(client, record, clerk, reviewer):
    submit(record, clerk)
    workflow.perform(record, "withdraw", clerk)
    submit(record, clerk)
    workflow.perform(record, "send_back", reviewer, comment="请补充说明")
    submit(record, clerk)
    workflow.override(error_of(record), reviewer, "原文印刷如此，已与部门核实")
    workflow.perform(record, "approve", reviewer)
    client.force_login(clerk)
    response = client.get(reverse("disclosures:history", args=[record.pk]))
    entries = response.context["entries"]
    assert [e.action for e in entries] == ["审核通过", "放行", "提交审核", "退回修改", "提交审核", "撤回", "提交审核"]
    passed = entries[1]
    assert (passed.subject, passed.user, passed.reason) == ("E01 合计与明细不符", reviewer, "原文印刷如此，已与部门核实")
    assert entries[3].reason == "请补充说明"
    html = response.content.decode()
    assert '<tr class="override">' in html and "原文印刷如此，已与部门核实" in html


def test_the_override_stays_in_the_history_when_the_checks_drop_the_finding(client, record, clerk, reviewer):
    submit(record, clerk)
    workflow.override(error_of(record), reviewer, "已核实")
    Finding.objects.filter(disclosure=record).delete()  # as a rerun does once the error is corrected
    client.force_login(clerk)
    entry = client.get(reverse("disclosures:history", args=[record.pk])).context["entries"][0]
    assert (entry.action, entry.reason) == ("放行", "已核实")


def test_history_shows_rows_with_a_reason_whichever_page_wrote_them(client, record, clerk):
    """The admin saves with a reason too: a disclosure's own fields, and fields clerks do not edit."""
    item = Disclosure.objects.get(pk=record.pk)
    item.functions, item._change_reason = "负责财政工作", "后台补录职能"
    item.save()
    row = BudgetLine.objects.get(disclosure=record, code="2010301")
    BudgetLine.history.bulk_history_create([row], default_date=record.uploaded_at)  # the pages' baseline
    row.row_type, row._change_reason = BudgetLine.RowType.UNIT, "后台改为单位小计"
    row.save()
    client.force_login(clerk)
    entries = client.get(reverse("disclosures:history", args=[record.pk])).context["entries"]
    by_reason = {e.reason: e for e in entries}
    assert [(c.label, c.after) for c in by_reason["后台补录职能"].changes] == [("主要职能", "负责财政工作")]
    assert [(c.label, c.before, c.after) for c in by_reason["后台改为单位小计"].changes] == [
        ("行类型", "明细", "单位小计")]


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
