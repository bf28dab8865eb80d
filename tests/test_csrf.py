"""Every state change needs the CSRF token and a POST: a forged form or a link changes nothing."""
import pytest
from django.test import Client
from django.urls import reverse

from disclosures.models import Disclosure, LineAmount
from disclosures.roles import CLERK
from tests.builders import disclosure, ingested, line, staff, table
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    return ingested(disclosure("甲局", tables=[table("expense_summary", [line("行政运行", "2010301", total="10.00")])]))


@pytest.fixture
def browser(record):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff("clerk", CLERK, [record.department]))
    return client


def cell(record):
    return LineAmount.objects.get(line__disclosure=record).printed


def test_a_post_without_the_token_is_refused_everywhere(browser, record):
    budget_line = record.lines.get()
    edit = reverse("disclosures:line_edit", args=[budget_line.pk])
    data = {**form_data(browser.get(edit).content.decode()), "amount_total": "11.00", "reason": "核对"}
    data.pop("csrfmiddlewaretoken")
    assert browser.post(edit, data).status_code == 403 and cell(record) == "10.00"
    submit = reverse("disclosures:transition", args=[record.pk, "submit"])
    assert browser.post(submit, {"confirm": "1"}).status_code == 403
    admin = reverse("admin:disclosures_lineamount_change", args=[record.lines.get().amounts.get().pk])
    assert browser.post(admin, {"printed": "11.00", "change_reason": "核对"}).status_code == 403
    assert Disclosure.objects.get().status == "draft" and cell(record) == "10.00"


def test_the_same_post_with_the_token_goes_through(browser, record):
    budget_line = record.lines.get()
    edit = reverse("disclosures:line_edit", args=[budget_line.pk])
    data = {**form_data(browser.get(edit).content.decode()), "amount_total": "11.00", "reason": "核对"}
    assert browser.post(edit, data).status_code == 302 and cell(record) == "11.00"


@pytest.mark.parametrize("name", ["submit", "withdraw", "approve", "send_back"])
def test_transitions_and_logout_do_not_answer_get(browser, record, name):
    assert browser.get(reverse("disclosures:transition", args=[record.pk, name])).status_code == 405
    assert Disclosure.objects.get().status == "draft"


def test_logout_needs_a_post(browser):
    assert browser.get(reverse("logout")).status_code == 405
    assert browser.get(reverse("disclosures:dashboard")).status_code == 200
