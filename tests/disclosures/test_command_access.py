"""The commands under the access rule: ``--user`` acts as that account, without it as the operator."""
import json

import pytest
from django.core.management import CommandError, call_command

from disclosures.roles import CLERK
from tests.builders import disclosure, ingested, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    ours, theirs = ingested(disclosure("甲局")), ingested(disclosure("乙局"))
    staff("clerk-a", CLERK, [ours.department])
    return ours, theirs


def test_export_as_a_clerk_finds_only_their_departments_disclosures(records, tmp_path, capsys):
    ours, theirs = records
    with pytest.raises(CommandError, match=f"没有 ID 为 {theirs.pk} 的公开文件"):
        call_command("export_disclosure", str(theirs.pk), "--user", "clerk-a")
    call_command("export_disclosure", str(ours.pk), "--user", "clerk-a")
    assert json.loads(capsys.readouterr().out)["document"]["department"] == "甲局"


def test_run_checks_as_a_clerk_covers_only_what_they_see(records, capsys):
    ours, theirs = records
    call_command("run_checks", "--json", "--user", "clerk-a")
    assert {f["disclosure"] for f in json.loads(capsys.readouterr().out)} == {ours.pk}
    with pytest.raises(CommandError, match=str(theirs.pk)):
        call_command("run_checks", str(theirs.pk), "--user", "clerk-a")
    call_command("run_checks", "--json")
    assert {f["disclosure"] for f in json.loads(capsys.readouterr().out)} == {ours.pk, theirs.pk}


def test_an_unknown_or_inactive_account_is_refused(records):
    with pytest.raises(CommandError, match="没有名为“nobody”的在职工作人员账号"):
        call_command("run_checks", "--user", "nobody")
