"""``manage.py run_checks``: the findings as text, or as one JSON list."""
import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.disclosures.checks.builder import consistent, ingested

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken():
    data = consistent()
    data["tables"][2]["lines"][3]["amounts"]["basic"] = "64.00"  # 表3 行政运行 基本支出
    return ingested(data)


def run(*args):
    out = StringIO()
    call_command("run_checks", *args, stdout=out)
    return out.getvalue()


def test_text_lists_rule_severity_message_amounts_and_records(broken):
    text = run(str(broken.pk))
    assert f"#{broken.pk} " in text and "[T01 错误]" in text
    assert "印出 65，应为 64，差额 1" in text
    assert "表3 2010301 行政运行" in text


def test_json_is_one_list_of_findings(broken):
    data = json.loads(run(str(broken.pk), "--json"))
    t01 = [f for f in data if f["rule"] == "T01"]
    assert t01 and t01[0]["severity"] == "error" and t01[0]["difference"] == "1"
    assert {"table": "表3", "code": "2010301", "name": "行政运行"}.items() <= t01[0]["records"][0].items()
