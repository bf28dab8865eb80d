"""The search page: every kind found by a Chinese substring, matches marked and escaped, the clerk's scope,
the cap of each group and the empty query."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures import search
from disclosures.models import Department, Section
from disclosures.roles import CLERK
from tests.builders import disclosure, indicator, ingested, line, project, staff, table, target

pytestmark = pytest.mark.django_db
SEARCH_URL = reverse("disclosures:search")


def record(department, word):
    """A disclosure of ``department`` whose project, indicator, section and budget line all contain ``word``."""
    saved = ingested(disclosure(
        department,
        tables=[table("expense_summary", [line(f"机关{word}经费", "2010101", total="10.00")])],
        projects=[project(f"{word}保障项目", "5.00")],
        targets=[target(f"{word}保障项目", [indicator(f"{word}保障率", target="≥95%")])],
    ))
    Section.objects.create(disclosure=saved, order=0, heading="部门职责", text=f"本部门负责机关{word}保障等工作。")
    return saved


def page(client, query):
    return client.get(SEARCH_URL, {"q": query}).content.decode()


def test_a_two_character_word_finds_every_kind(admin_client):
    ours = record("运行保障局", "运行")
    text = page(admin_client, "运行")
    for key in ("department", "project", "indicator", "section", "line"):
        assert f'id="search-{key}"' in text, key
    assert "<mark>运行</mark>保障局" in text
    assert "机关<mark>运行</mark>经费" in text
    assert "<mark>运行</mark>保障率" in text
    assert "本部门负责机关<mark>运行</mark>保障等工作。" in text
    assert ours.get_absolute_url() in text


def test_a_word_in_no_record_finds_nothing(admin_client):
    record("财政局", "运行")
    text = page(admin_client, "差旅")
    assert "search-group" not in text
    assert "没有找到" in text


def test_the_match_is_marked_and_html_is_escaped(admin_client):
    ingested(disclosure("测试局", projects=[project("<script>alert(1)</script>运行项目", "1.00")]))
    text = page(admin_client, "<script>")
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;运行项目" in text
    assert "<script>alert(1)" not in text


def test_a_clerk_finds_only_their_departments_records(client):
    ours = record("甲局", "运行")
    record("乙局", "运行")
    client.force_login(staff("clerk", CLERK, [ours.department]))
    text = page(client, "运行")
    assert "甲局" in text
    assert "乙局" not in text
    assert 'id="search-indicator"' in text and 'id="search-line"' in text
    groups = search.search(staff("clerk-2", CLERK, [ours.department]), "运行")
    assert {g.kind.key for g in groups} == {"project", "indicator", "section", "line"}
    assert all(len(g.hits) == 1 for g in groups)


def test_each_group_is_capped_and_links_to_its_filtered_list(admin_client, admin_user):
    for number in range(search.LIMIT + 1):
        Department.objects.create(name=f"第{number}运行局")
    ingested(disclosure("项目局", projects=[project(f"运行项目{n}", "1.00") for n in range(search.LIMIT + 1)]))
    groups = {g.kind.key: g for g in search.search(admin_user, "运行")}
    assert len(groups["department"].hits) == search.LIMIT and groups["department"].truncated
    assert groups["department"].more_url is None  # departments have no list page
    assert groups["project"].truncated
    text = page(admin_client, "运行")
    assert f'href="{reverse("disclosures:project_list")}?name=%E8%BF%90%E8%A1%8C"' in text
    assert "更多" in text


def test_the_empty_query_searches_nothing(admin_client, admin_user):
    record("财政局", "运行")
    assert search.search(admin_user, "  ") == []
    text = page(admin_client, "")
    assert "search-group" not in text and "请输入要搜索的文字" in text


def test_search_is_staff_only_and_in_the_nav(client, admin_client, django_user_model):
    assert f'action="{SEARCH_URL}"' in admin_client.get(reverse("disclosures:dashboard")).content.decode()
    assert client.get(SEARCH_URL, {"q": "运行"}).status_code == 302
    client.force_login(django_user_model.objects.create_user("citizen", password="pw-citizen-1"))
    assert client.get(SEARCH_URL, {"q": "运行"}).status_code == 403



def test_the_queries_do_not_grow_with_the_matches(admin_client, django_assert_num_queries):
    record("甲局", "运行")
    with CaptureQueriesContext(connection) as one:
        page(admin_client, "运行")
    for number in range(5):
        record(f"乙{number}局", "运行")
    with django_assert_num_queries(len(one)):
        page(admin_client, "运行")
