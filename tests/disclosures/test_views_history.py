"""The history page: corrections with before/after, who and why, and transitions, newest first."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.models import BudgetLine, Project
from disclosures.roles import CLERK, REVIEWER
from disclosures.workflow import perform
from performance.models import Indicator
from tests.builders import disclosure, indicator, ingested, line, project, staff, table, target

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    return ingested(disclosure("财政局", tables=[table("general_budget_expense", [
        line("合计", row_type="total", total="300.00"),
        line("行政运行", "2010301", total="100.00", basic="100.00"),
    ])], projects=[project("信息化建设", "1200.00")],
        targets=[target("信息化建设", [indicator("系统上线数", target="≥3个", weight=10)])]))


@pytest.fixture
def clerk(record):
    return staff("clerk", CLERK, [record.department])


def history(client, record):
    return client.get(reverse("disclosures:history", args=[record.pk]))


def post_edit(client, url, data):
    """Post ``data`` to the edit page ``url`` with the fingerprint the page carries, as a browser does."""
    return client.post(url, {**data, "fingerprint": client.get(url).context["fingerprint"]})


def correct_line(client, record, reason, **amounts):
    item = BudgetLine.objects.get(disclosure=record, code="2010301")
    data = {"code": item.code, "name": item.name, "unit_name": "", "project": "", "reason": reason,
            "amount_total": "100.00", "amount_basic": "100.00"}
    data.update({f"amount_{column}": printed for column, printed in amounts.items()})
    assert post_edit(client, reverse("disclosures:line_edit", args=[item.pk]), data).status_code == 302


def correct_project(client, record, reason, amount):
    item = Project.objects.get(disclosure=record)
    data = {"name": item.name, "amount_printed": amount, "reason": reason}
    assert post_edit(client, reverse("disclosures:project_edit", args=[item.pk]), data).status_code == 302


def test_history_shows_the_correction_with_before_after_who_and_why(client, record, clerk):
    client.force_login(clerk)
    correct_line(client, record, "与原文第 3 页核对", total="1,100.50")
    response = history(client, record)
    [entry] = response.context["entries"]
    assert (entry.action, entry.subject, entry.user, entry.reason) == (
        "修改金额", "表5 2010301 行政运行 · 合计", clerk, "与原文第 3 页核对")
    assert [(c.label, c.before, c.after) for c in entry.changes] == [("金额", "100.00", "1,100.50")]
    page = response.content.decode()
    assert all(text in page for text in ("<del>100.00</del>", "<ins>1,100.50</ins>", "与原文第 3 页核对", "clerk"))


def test_a_deleted_cell_and_a_project_change_are_in_the_history(client, record, clerk):
    client.force_login(clerk)
    correct_line(client, record, "基本支出栏原文为空", basic="")
    correct_project(client, record, "规模以批复为准", "1,250.00")
    newest, oldest = history(client, record).context["entries"]
    assert (newest.action, newest.reason) == ("修改项目", "规模以批复为准")
    assert [(c.label, c.before, c.after) for c in newest.changes] == [("预算安排规模（原文）", "1,200.00", "1,250.00")]
    assert (oldest.action, oldest.subject) == ("删除金额", "表5 2010301 行政运行 · 基本支出")
    assert [(c.before, c.after) for c in oldest.changes] == [("100.00", "")]


def test_transitions_and_corrections_share_one_timeline_newest_first(client, record, clerk):
    client.force_login(clerk)
    correct_line(client, record, "更正合计", total="90.00")
    perform(record, "submit", clerk, confirmed=True)
    perform(record, "send_back", staff("reviewer", REVIEWER), comment="请补充说明")
    entries = history(client, record).context["entries"]
    assert [e.action for e in entries] == ["退回修改", "提交审核", "修改金额"]
    back = entries[0]
    assert back.is_transition and back.reason == "请补充说明" and back.user.username == "reviewer"
    assert [(c.before, c.after) for c in back.changes] == [("已提交", "已退回")]


def test_the_page_costs_the_same_queries_however_many_changes(client, record, clerk):
    client.force_login(clerk)
    correct_line(client, record, "第一次", total="1.00")
    with CaptureQueriesContext(connection) as one:
        history(client, record)
    correct_line(client, record, "第二次", total="2.00", basic="")
    correct_project(client, record, "第三次", "3.00")
    item = Indicator.objects.get()
    post_edit(client, reverse("performance:indicator_edit", args=[item.pk]), {
        "level1": item.level1, "level2": item.level2, "name": "系统上线数量", "target_text": item.target_text,
        "weight": "10", "reason": "第四次"})
    with CaptureQueriesContext(connection) as many:
        entries = history(client, record).context["entries"]
    assert len(entries) == 5
    assert len(many) == len(one) <= 15


def test_a_clerk_of_another_department_gets_404_and_anonymous_the_login(client, record):
    response = history(client, record)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff("other", CLERK, [ingested(disclosure("教育局")).department]))
    assert history(client, record).status_code == 404


def test_a_change_saved_elsewhere_without_a_baseline_shows_its_before_as_not_recorded(client, record, clerk):
    cell = BudgetLine.objects.get(disclosure=record, code="2010301").amounts.get(column="total")
    cell.printed, cell._change_reason = "99.00", "后台更正"
    cell.save()
    client.force_login(clerk)
    [entry] = history(client, record).context["entries"]
    assert [(c.before, c.after) for c in entry.changes] == [("（未记录）", "99.00")]


@pytest.mark.parametrize("kind, label", [("budget", "预算数"), ("final_accounts", "决算数")])
def test_a_cell_is_named_by_the_label_its_kind_prints(client, kind, label):
    """The ``amount`` column of a 决算 is its 决算数, in the history as on the review page."""
    record = ingested(disclosure("审计局", kind=kind, tables=[table("general_budget_expense", [
        line("行政运行", "2010301", amount="80.00")])]))
    client.force_login(staff("clerk", CLERK, [record.department]))
    item = BudgetLine.objects.get(disclosure=record)
    data = {"code": item.code, "name": item.name, "unit_name": "", "project": "", "reason": "核对原文",
            "amount_amount": "81.00"}
    assert post_edit(client, reverse("disclosures:line_edit", args=[item.pk]), data).status_code == 302
    [entry] = history(client, record).context["entries"]
    assert entry.subject == f"表5 2010301 行政运行 · {label}"
