"""Hostile but schema-valid input: each case is refused with a message naming the place, and nothing
is saved — no Disclosure, no PendingImport, no file — through ingest, the preview, the admin and
``import_pdf``. Failures after validation (the checks, a concurrent import) leave nothing either.
"""
import codecs
import copy
import json
import threading
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.urls import reverse

from disclosures import imports
from disclosures import ingest as ingest_module
from disclosures.ingest import ConcurrentImport, Outcome, ingest
from disclosures.models import BudgetLine, Department, Disclosure, ImportJob, LineAmount, PendingImport, Staffing
from disclosures.parsing import ParseError
from disclosures.validation import FISCAL_YEARS, MAX_DEPTH, InvalidDisclosure, validate
from tests.builders import disclosure, indicator, line, project, table, target
from tests.jobs.files import run_upload

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:disclosures_disclosure_import")
PDF_BYTES = b"%PDF-1.4 hostile test source"


def good():
    """A small disclosure valid against the schema, with units, a line, a project, an indicator, a section."""
    data = disclosure(
        "测试局", 2025, units=["测试局本级", "测试中心"],
        tables=[table("expense_summary", [line("总计", row_type="total", total="300.00", page=3)], pages=[3])],
        projects=[project("信息化建设", "100.00", page=5)],
        targets=[target("信息化建设", [indicator("系统数量", weight=10, page=6)], page=6)],
    )
    data["overview"]["staffing"] = dict.fromkeys(Staffing.FIELDS)
    data["other_matters"] = dict.fromkeys(("operating_funds", "procurement", "assets", "three_public"))
    data["sections"] = [{"heading": "一、部门职责", "text": "主要职责是…", "pages": [2]}]
    return blank_to_none(data)


def blank_to_none(value):
    """The builders' blank strings as the schema wants them: null."""
    if isinstance(value, dict):
        return {k: blank_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [blank_to_none(v) for v in value]
    return None if value == "" else value


def with_(path, value):
    """``good()`` with the value at ``path`` (keys and indexes) replaced."""
    data = good()
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    node[last] = value
    return data


def nested(depth):
    value = "底"
    for _ in range(depth):
        value = {"嵌套": value}
    return value


WEIGHT = ("performance_targets", 0, "indicators", 0, "weight")
LINE = ("tables", 0, "lines", 0)
CASES = {
    "weight NaN": (with_(WEIGHT, float("nan")), "绩效目标 1 指标 1 分值权重不是有限数"),
    "weight Infinity": (with_(WEIGHT, float("inf")), "绩效目标 1 指标 1 分值权重不是有限数"),
    "weight too large": (with_(WEIGHT, 10 ** 9), "分值权重 1000000000：超出可保存的位数"),
    "bbox NaN": (with_((*LINE, "source"), {"page": 3, "bbox": [1, 2, float("nan"), 4]}),
                 "表3 第1行 位置（bbox）应为 4 个有限数"),
    "staffing 10^30": (with_(("overview", "staffing", "authorized"), 10 ** 30), "人员情况 编制数 1000"),
    "page 10^20": (with_((*LINE, "source"), {"page": 10 ** 20}), "表3 第1行 页码 100000000000000000000 超出可保存的范围"),
    "table pages 10^20": (with_(("tables", 0, "pages"), [10 ** 20]), "表3 页码"),
    "table number 10^20": (with_(("tables", 0, "number"), 10 ** 20), "表100000000000000000000 表号"),
    "published 2025-02-31": (with_(("document", "published_on"), "2025-02-31"), "发布日期“2025-02-31”不是有效日期"),
    "period 2025-02-31": (with_(("projects", 0, "period_end"), "2025-02-31"), "项目 1 执行结束“2025-02-31”不是有效日期"),
    "fiscal year 3000": (with_(("document", "fiscal_year"), 3000), "年度 3000 不在 1990–2100 之间"),
    "duplicate units": (with_(("overview", "units"), [{"name": "测试中心", "kind": None}] * 2), "单位名称重复：测试中心"),
    "30-digit amount": (with_((*LINE, "amounts"), {"total": "1" * 30}),
                        "表3 第1行 金额“111111111111111111111111…”：超出可保存的位数"),
    "5 decimals": (with_((*LINE, "amounts"), {"total": "1.00001"}), "超出可保存的位数（整数最多 16 位，小数最多 4 位）"),
    "project amount": (with_(("projects", 0, "amount"), "9" * 17), "项目 1 预算安排规模“99999999999999999”"),
    "other matter": (with_(("other_matters", "operating_funds"), "1" * 17), "其他重要事项 operating_funds 数值"),
    "long line name": (with_((*LINE, "name"), "长" * 301), "表3 第1行 科目名称“长"),
    "long department": (with_(("document", "department"), "部" * 201), "部门名称“部"),
    "NUL in name": (with_((*LINE, "name"), "总\x00计"), "表3 第1行 科目名称含有不可见的控制字符（NUL）"),
    "NUL in warnings": (with_(("warnings",), ["表\x00格"]), "数据 /warnings/0 含有不可见的控制字符（NUL）"),
    "NUL in a key": (with_(("warnings",), [{"a\x00b": 1}]), "数据 /warnings/0/a\\x00b 含有不可见的控制字符（NUL）"),
    "deep nesting": (with_(("warnings",), [nested(MAX_DEPTH)]), f"数据嵌套超过 {MAX_DEPTH} 层"),
}


# Cases the schema already refuses in a JSON file (NaN cannot even be written as JSON).
NOT_JSON = {"weight NaN", "weight Infinity", "bbox NaN", "fiscal year 3000"}


def saved_nothing(media_root):
    assert not Disclosure.objects.exists() and not PendingImport.objects.exists()
    assert not Department.objects.exists() and not BudgetLine.objects.exists() and not LineAmount.objects.exists()
    assert [p for p in media_root.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("case", CASES)
def test_ingest_refuses_with_the_place_and_saves_nothing(case, media_root):
    data, message = CASES[case]
    with pytest.raises(InvalidDisclosure) as caught:
        ingest(data, source_bytes=PDF_BYTES)
    assert message in caught.value.message
    assert caught.value.code == "invalid"
    saved_nothing(media_root)


def json_bytes(data):
    return json.dumps(data, ensure_ascii=False).encode()


@pytest.mark.parametrize("case", [c for c in CASES if c not in NOT_JSON])
def test_preview_refuses_before_anything_is_written(case, media_root, admin_user):
    data, message = CASES[case]
    with pytest.raises(ParseError) as caught:
        imports.stage(json_bytes(data), "hostile.json", admin_user)
    assert message in caught.value.message
    saved_nothing(media_root)


def test_the_document_the_cases_change_is_valid(admin_user):
    assert imports.stage(json_bytes(good()), "good.json", admin_user).parsed == good()
    assert ingest(good(), source_bytes=PDF_BYTES).outcome is Outcome.CREATED


def test_fiscal_years_are_those_of_the_schema():
    year = imports.schema()["$defs"]["document"]["properties"]["fiscal_year"]
    assert (FISCAL_YEARS[0], FISCAL_YEARS[-1]) == (year["minimum"], year["maximum"])


def test_a_version_past_the_field_range_is_refused(media_root):
    first = ingest(good(), source_bytes=PDF_BYTES).disclosure
    Disclosure.objects.filter(pk=first.pk).update(version=32767)
    with pytest.raises(InvalidDisclosure, match="版本 32768 超出可保存的范围"):
        ingest(good(), source_bytes=PDF_BYTES + b" v2")
    assert Disclosure.objects.get().version == 32767
    assert len([p for p in media_root.rglob("*") if p.is_file()]) == 1


def test_field_limits_follow_the_models(monkeypatch):
    monkeypatch.setattr(BudgetLine._meta.get_field("name"), "max_length", 5)
    with pytest.raises(InvalidDisclosure, match="超过 5 字"):
        validate(with_((*LINE, "name"), "六个字的名称"))


JSON_CASES = {
    "NaN literal": (json_bytes(good()).replace(b'"weight": 10', b'"weight": NaN'), "JSON 含有 NaN"),
    "Infinity literal": (json_bytes(good()).replace(b'"weight": 10', b'"weight": -Infinity'), "JSON 含有 -Infinity"),
    "1e309 weight": (json_bytes(good()).replace(b'"weight": 10', b'"weight": 1e309'), "指标 1 分值权重不是有限数"),
    "bbox NaN": (json_bytes(with_((*LINE, "source"), {"page": 3, "bbox": [1, 2, 3, 4]})).replace(b"[1, 2, 3, 4]",
                                                                                                 b"[1, 2, NaN, 4]"),
                 "JSON 含有 NaN"),
    "nesting 100000": (b'{"warnings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "JSON 嵌套过深"),
    "nesting 500": (b'{"warnings": ' + b"[" * 500 + b"]" * 500 + b"}", f"数据嵌套超过 {MAX_DEPTH} 层"),
    "5000-digit integer": (b'{"format": ' + b"9" * 5000 + b"}", "JSON 文件无法读取"),
    "top-level list": (b"  [1, 2]", "JSON 不符合 disclosure-v1 格式"),
}


@pytest.mark.parametrize("case", JSON_CASES)
def test_json_upload_is_refused_with_a_clear_message(case, media_root, admin_user):
    payload, message = JSON_CASES[case]
    with pytest.raises(ParseError) as caught:
        imports.stage(payload, "hostile.json", admin_user)
    assert message in caught.value.message
    saved_nothing(media_root)


def test_json_with_a_byte_order_mark_is_read_as_json(admin_user):
    pending = imports.stage(codecs.BOM_UTF8 + b"\n " + json_bytes(good()), "bom.json", admin_user)
    assert pending.parsed == good()


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """The admin upload, its preview job run as a worker would; the job page it leads to."""
    def send(client, data):
        return run_upload(client, IMPORT_URL, {"file": SimpleUploadedFile("hostile.json", data)},
                          django_capture_on_commit_callbacks)
    return send


@pytest.mark.parametrize("payload, message", [
    (json_bytes(CASES["30-digit amount"][0]), CASES["30-digit amount"][1]),
    (json_bytes(CASES["published 2025-02-31"][0]), CASES["published 2025-02-31"][1]),
    (json_bytes(CASES["NUL in name"][0]), CASES["NUL in name"][1]),
    (JSON_CASES["1e309 weight"][0], JSON_CASES["1e309 weight"][1]),
    (JSON_CASES["NaN literal"][0], JSON_CASES["NaN literal"][1]),
    (JSON_CASES["nesting 100000"][0], JSON_CASES["nesting 100000"][1]),
], ids=["amount", "date", "nul", "1e309", "nan", "nesting"])
def test_admin_upload_shows_the_message_and_saves_nothing(admin_client, media_root, payload, message, upload):
    response = upload(admin_client, payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    job.source.delete(save=False)  # the failed job keeps its upload for 重试; nothing else may remain
    saved_nothing(media_root)


def test_admin_upload_of_json_with_a_byte_order_mark_goes_to_its_preview(admin_client, upload):
    response = upload(admin_client, codecs.BOM_UTF8 + json_bytes(good()))
    assert response.status_code == 200 and ImportJob.objects.get().status == "ready"
    assert PendingImport.objects.get().parsed == good()


def run_import(path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_pdf", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue()


@pytest.mark.parametrize("case", ["30-digit amount", "published 2025-02-31", "duplicate units"])
def test_import_command_prints_one_line_and_fails(tmp_path, media_root, case):
    data, message = CASES[case]
    path = tmp_path / "hostile.json"
    path.write_bytes(json_bytes(data))
    err = run_import(path)
    failures = [line for line in err.splitlines() if "失败" in line]
    assert len(failures) == 1 and failures[0].startswith(f"{path}: 失败 — ") and message in failures[0]
    assert "Traceback" not in err
    saved_nothing(media_root)


def test_checks_failing_leave_no_disclosure_and_no_file(monkeypatch, media_root):
    def explode(disclosure):
        raise RuntimeError("killed while checking")

    monkeypatch.setattr(ingest_module, "run_checks", explode)
    with pytest.raises(RuntimeError):
        ingest(good(), source_bytes=PDF_BYTES)
    saved_nothing(media_root)


def test_the_checks_run_inside_the_transaction_that_saves_the_records(monkeypatch):
    depths = []
    real = ingest_module.run_checks

    def observed(disclosure):
        depths.append(len(connection.atomic_blocks))
        return real(disclosure)

    monkeypatch.setattr(ingest_module, "run_checks", observed)
    outside = len(connection.atomic_blocks)
    record = ingest(good(), source_bytes=PDF_BYTES).disclosure
    assert depths == [outside + 1]
    assert record.findings.exists()


@pytest.fixture
def lose_the_race(monkeypatch):
    """Another import saves the same file just before this one's records."""
    real = ingest_module.save_records

    def racing(data, sha256, *args):
        other = Department.objects.create(name="另一部门")
        Disclosure.objects.create(department=other, fiscal_year=2025, sha256=sha256, amount_unit="万元", parsed={})
        return real(data, sha256, *args)

    monkeypatch.setattr(ingest_module, "save_records", racing)


def test_a_concurrent_loser_gets_a_message_and_leaves_nothing(lose_the_race, media_root):
    with pytest.raises(ConcurrentImport, match="另一个导入同时保存了同一文件或同一部门年度，请刷新后重试"):
        ingest(good(), source_bytes=PDF_BYTES)
    saved_nothing(media_root)


def test_a_locked_database_is_a_concurrent_import_but_other_errors_are_not(monkeypatch, media_root):
    def locked(disclosure):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ingest_module, "run_checks", locked)
    with pytest.raises(ConcurrentImport):
        ingest(good(), source_bytes=PDF_BYTES)

    def broken(disclosure):
        raise OperationalError("no such table: disclosures_finding")

    monkeypatch.setattr(ingest_module, "run_checks", broken)
    with pytest.raises(OperationalError):
        ingest(good(), source_bytes=PDF_BYTES)
    saved_nothing(media_root)


def test_import_command_reports_a_lost_race_in_one_line(lose_the_race, tmp_path):
    path = tmp_path / "race.json"
    path.write_bytes(json_bytes(good()))
    err = run_import(path)
    assert f"{path}: 失败 — {ConcurrentImport.default_message}" in err.splitlines()
    assert "Traceback" not in err and not Disclosure.objects.exists()


def test_admin_confirm_that_loses_the_race_keeps_the_preview(admin_client, lose_the_race, upload):
    response = upload(admin_client, json_bytes(good()))
    response = admin_client.post(response.job_url + "confirm/", follow=True)
    assert ConcurrentImport.default_message in response.content.decode()
    assert not Disclosure.objects.exists() and PendingImport.objects.count() == 1


def test_confirm_validates_again(admin_client, upload):
    response = upload(admin_client, json_bytes(good()))
    PendingImport.objects.update(parsed=copy.deepcopy(CASES["30-digit amount"][0]))
    response = admin_client.post(response.job_url + "confirm/", follow=True)
    assert "超出可保存的位数" in response.content.decode()
    assert not Disclosure.objects.exists()


def wait_for_a_blocked_transaction():
    with connection.cursor() as cursor:
        for _ in range(300):
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the same snapshot all transaction long
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.1)
    raise AssertionError("the second import never waited for the first")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)")
def test_two_real_imports_of_one_department_year_race_and_the_loser_gets_the_message(monkeypatch, media_root):
    """A holds its transaction open after saving until B waits on the unique index; then B loses."""
    Department.objects.create(name="测试局")
    saved, outcomes = threading.Event(), {}
    real = ingest_module.run_checks

    def slow_for_a(disclosure):
        if threading.current_thread().name == "A":
            saved.set()
            wait_for_a_blocked_transaction()  # B, at its insert, waiting for A's commit
        return real(disclosure)

    def run(name, source):
        try:
            outcomes[name] = ingest(good(), source_bytes=source).outcome
        except ConcurrentImport as exc:
            outcomes[name] = exc.message
        finally:
            connection.close()

    monkeypatch.setattr(ingest_module, "run_checks", slow_for_a)
    a = threading.Thread(target=run, args=("A", PDF_BYTES), name="A")
    a.start()
    assert saved.wait(30)
    b = threading.Thread(target=run, args=("B", PDF_BYTES + b" another file"), name="B")
    b.start()
    a.join(30), b.join(30)
    assert outcomes == {"A": Outcome.CREATED, "B": ConcurrentImport.default_message}
    assert Disclosure.objects.count() == 1
    assert len([p for p in media_root.rglob("*") if p.is_file()]) == 1


def test_a_locked_database_while_staging_is_a_message_and_leaves_no_file(monkeypatch, media_root, admin_user):
    def locked(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PendingImport, "save", locked)
    with pytest.raises(ConcurrentImport):
        imports.stage(json_bytes(good()), "d.json", admin_user)
    saved_nothing(media_root)
