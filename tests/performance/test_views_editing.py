"""Correcting an indicator: target re-split, weight as a number, reason in history, access."""
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.models import Disclosure
from disclosures.roles import CLERK, MANAGER, REVIEWER
from performance.models import Indicator
from tests.builders import disclosure, indicator, ingested, staff, target

pytestmark = pytest.mark.django_db

REASON = "按批复的绩效目标更正"


@pytest.fixture
def record():
    return ingested(disclosure("财政局", targets=[target("信息化建设", [
        indicator("系统上线数", target="≥3个", comparator=">=", weight=10),
    ])]))


@pytest.fixture
def item(record):
    return Indicator.objects.get(target__disclosure=record)


def edit(client, item, **changes):
    url = reverse("performance:indicator_edit", args=[item.pk])
    data = {"level1": item.level1, "level2": item.level2, "name": item.name, "target_text": item.target_text,
            "basis": item.basis, "prior_value": item.prior_value, "weight": "10", "scoring_rule": "",
            "evidence": "", "reason": REASON, "fingerprint": client.get(url).context.get("fingerprint", ""),
            **changes}
    return client.post(url, data)


def test_clerk_corrects_the_target_and_it_is_split_again(client, record, item):
    clerk = staff("clerk", CLERK, [record.department])
    client.force_login(clerk)
    response = edit(client, item, target_text="＞=95%", weight="12.5分", evidence="验收报告，上线通知")
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.comparator, item.target_value, item.target_unit) == (">=", "95", "%")
    assert item.weight == Decimal("12.5") and item.evidence == ["验收报告", "上线通知"]
    change = item.history.first()
    assert (change.history_change_reason, change.history_user) == (REASON, clerk)
    assert item.history.count() == 2  # the imported state kept as the baseline, then the change


def test_an_unchanged_target_is_not_split_again(client, record, item):
    client.force_login(staff("clerk", CLERK, [record.department]))
    edit(client, item, name="系统上线数量")
    item.refresh_from_db()
    assert item.name == "系统上线数量" and (item.comparator, item.target_value) == (">=", "")


@pytest.mark.parametrize("weight", ["abc", "十分", "1.2.3"])
def test_a_weight_that_is_not_a_number_is_rejected(client, record, item, weight):
    client.force_login(staff("clerk", CLERK, [record.department]))
    response = edit(client, item, weight=weight)
    assert response.status_code == 200 and "分值权重应为数字" in response.content.decode()
    item.refresh_from_db()
    assert item.weight == Decimal("10") and not item.history.exists()


def test_a_reason_is_required(client, record, item):
    client.force_login(staff("clerk", CLERK, [record.department]))
    response = edit(client, item, name="改名", reason="")
    assert response.status_code == 200 and "请填写修改原因" in response.content.decode()


def test_only_clerks_of_the_department_edit_a_draft(client, record, item):
    url = reverse("performance:indicator_edit", args=[item.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(staff("other", CLERK, [ingested(disclosure("教育局")).department]))
    assert client.get(url).status_code == 404
    client.force_login(staff("reviewer", REVIEWER))
    assert client.get(url).status_code == 403 and edit(client, item, name="改名").status_code == 403
    client.force_login(staff("manager", MANAGER))
    assert client.get(url).status_code == 200
    Disclosure.objects.filter(pk=record.pk).update(status=Disclosure.Status.SUBMITTED)
    assert edit(client, item, name="改名").status_code == 403
    item.refresh_from_db()
    assert item.name == "系统上线数"
