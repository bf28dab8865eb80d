"""Optimistic locking of the indicator page: a save from a form older than the indicator is refused."""
import pytest
from django.test import Client
from django.urls import reverse

from disclosures.roles import CLERK
from performance.models import Indicator
from tests.builders import disclosure, indicator, ingested, staff, target
from tests.edit_forms import sent_back

pytestmark = pytest.mark.django_db


def test_an_indicator_saved_from_a_stale_form_is_refused_with_the_current_values(client):
    record = ingested(disclosure("财政局", targets=[target("信息化建设", [
        indicator("系统上线数", target="≥3个", comparator=">=", weight=10)])]))
    item = Indicator.objects.get(target__disclosure=record)
    url = reverse("performance:indicator_edit", args=[item.pk])
    client.force_login(staff("alice", CLERK, [record.department]))
    bob = Client()
    bob.force_login(staff("bob", CLERK, [record.department]))
    alices_form = client.get(url)
    assert bob.post(url, sent_back(bob.get(url), target_text="≥5个", reason="按批复更正")).status_code == 302

    response = client.post(url, sent_back(alices_form, weight="20", reason="权重按原文"))
    assert response.status_code == 409
    item.refresh_from_db()
    assert (item.target_text, item.weight) == ("≥5个", 10) and not item.history.filter(
        history_change_reason="权重按原文").exists()
    page = response.content.decode()
    assert "此记录已被 bob 于" in page and "您看到的是旧数据。" in page
    assert 'name="target_text" value="≥5个"' in page and 'name="reason" value="权重按原文"' in page

    assert client.post(url, sent_back(response, weight="20")).status_code == 302
    item.refresh_from_db()
    assert (item.target_text, item.weight) == ("≥5个", 20)
