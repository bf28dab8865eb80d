"""Dashboard, disclosure page, source page images and the approval workflow with its permissions."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from disclosures import workflow
from disclosures.ingest import ingest
from disclosures.models import Disclosure, Finding, StatusChange
from disclosures.roles import CLERK, MANAGER, REVIEWER

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username, password="pw-" + username * 2, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "clerk": make("clerk", CLERK),
        "other_clerk": make("other", CLERK),
        "reviewer": make("reviewer", REVIEWER),
        "second_reviewer": make("reviewer2", REVIEWER),
        "manager": make("manager", MANAGER),
    }


@pytest.fixture
def disclosure(sample_parsed, sample_pdf, people):
    result = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                    user=people["clerk"], page_count=39)
    result.disclosure.department.members.add(people["clerk"])
    return result.disclosure


def login(client, user):
    client.force_login(user)
    return client


def act(client, disclosure, name, comment="", confirm=True):
    """POST the transition; ``confirm`` ticks the box that submitting with open errors asks for."""
    data = {"comment": comment, "confirm": "1"} if confirm else {"comment": comment}
    return client.post(reverse("disclosures:transition", args=[disclosure.pk, name]), data)


def status(disclosure):
    disclosure.refresh_from_db()
    return disclosure.status


@pytest.mark.parametrize("name", ["disclosures:dashboard", "disclosures:line_list", "performance:indicator_list"])
def test_anonymous_users_go_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_non_staff_cannot_sign_in(client, django_user_model):
    django_user_model.objects.create_user("citizen", password="pw-citizen-1")
    response = client.post(reverse("login"), {"username": "citizen", "password": "pw-citizen-1"})
    assert "无权使用本系统" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_dashboard_lists_disclosures_with_finding_counts_and_what_awaits(client, disclosure, people):
    page = login(client, people["clerk"]).get(reverse("disclosures:dashboard")).content.decode()
    assert disclosure.department.name in page and "待我处理" in page
    act(client, disclosure, "submit")
    page = login(client, people["reviewer"]).get(reverse("disclosures:dashboard")).content.decode()
    assert "待我审核" in page and disclosure.get_absolute_url() in page


def test_clerk_of_another_department_sees_nothing(client, disclosure, people):
    login(client, people["other_clerk"])
    assert disclosure.department.name not in client.get(reverse("disclosures:dashboard")).content.decode()
    assert client.get(disclosure.get_absolute_url()).status_code == 404
    assert act(client, disclosure, "submit").status_code == 404


def test_disclosure_page_renders_tables_findings_and_the_selected_rows_source(client, disclosure, people):
    line = disclosure.lines.filter(code="2010301").first()
    page = login(client, people["reviewer"]).get(f"{disclosure.get_absolute_url()}?line={line.pk}")
    html = page.content.decode()
    for table in disclosure.tables.all():
        assert table.title in html
    assert f'id="line-{line.pk}"' in html and "selected" in html
    assert reverse("disclosures:page_image", args=[disclosure.pk, line.source_page]) in html
    assert 'class="highlight"' in html
    finding = Finding.objects.filter(disclosure=disclosure, lines__isnull=False).first()
    if finding is not None:
        assert f'id="finding-{finding.pk}"' in html


def test_disclosure_page_shows_what_the_parser_was_unsure_of(client, sample_parsed, sample_pdf, people):
    parsed = {**sample_parsed, "warnings": ["表3（第 12 页）：总计 <b>9.00</b> 与各行之和 8.00 不符，可能缺少续页"]}
    result = ingest(parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf", user=people["clerk"], page_count=39)
    html = login(client, people["reviewer"]).get(result.disclosure.get_absolute_url()).content.decode()
    assert "解析警告" in html and "表3（第 12 页）：总计 &lt;b&gt;9.00&lt;/b&gt; 与各行之和 8.00 不符" in html


def test_a_disclosure_parsed_without_doubt_shows_no_parser_warnings(client, disclosure, people):
    assert disclosure.warnings == []
    assert "解析警告" not in login(client, people["reviewer"]).get(disclosure.get_absolute_url()).content.decode()


def test_disclosure_page_uses_a_bounded_number_of_queries(client, disclosure, people, django_assert_max_num_queries):
    login(client, people["reviewer"])
    with django_assert_max_num_queries(40):
        client.get(disclosure.get_absolute_url())


def test_page_image_is_a_png_rendered_once(client, disclosure, people, media_root):
    login(client, people["reviewer"])
    url = reverse("disclosures:page_image", args=[disclosure.pk, 2])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert (media_root / "page-cache" / disclosure.sha256 / "2.png").exists()
    assert client.get(reverse("disclosures:page_image", args=[disclosure.pk, 999])).status_code == 404


def test_clerk_submits_and_the_transition_is_logged(client, disclosure, people):
    act(login(client, people["clerk"]), disclosure, "submit", "请审核")
    assert status(disclosure) == Disclosure.Status.SUBMITTED
    change = StatusChange.objects.get(disclosure=disclosure)
    assert (change.source, change.target, change.by, change.comment) == ("draft", "submitted", people["clerk"], "请审核")


def test_a_clerk_cannot_approve(client, disclosure, people):
    act(login(client, people["clerk"]), disclosure, "submit")
    act(client, disclosure, "approve")
    assert status(disclosure) == Disclosure.Status.SUBMITTED


def pass_open_errors(disclosure, reviewer):
    """Override the sample's real errors (its printed unit count) so approval hinges on the rest.

    Only a submitted disclosure's errors can be overridden: call it after submitting.
    """
    for finding in disclosure.open_errors():
        workflow.override(finding, reviewer, "已核实")


def test_the_uploader_cannot_approve_their_own_upload(client, disclosure, people):
    Disclosure.objects.filter(pk=disclosure.pk).update(uploaded_by=people["reviewer"])
    act(login(client, people["clerk"]), disclosure, "submit")
    pass_open_errors(disclosure, people["second_reviewer"])
    response = act(login(client, people["reviewer"]), disclosure, "approve")
    assert status(disclosure) == Disclosure.Status.SUBMITTED
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("上传人不能审核" in m for m in messages)
    act(login(client, people["second_reviewer"]), disclosure, "approve")
    assert status(disclosure) == Disclosure.Status.APPROVED


def test_send_back_needs_a_comment_and_returns_the_disclosure(client, disclosure, people):
    act(login(client, people["clerk"]), disclosure, "submit")
    login(client, people["reviewer"])
    act(client, disclosure, "send_back")
    assert status(disclosure) == Disclosure.Status.SUBMITTED
    act(client, disclosure, "send_back", "表3 合计有误，请核对")
    assert status(disclosure) == Disclosure.Status.RETURNED
    assert StatusChange.objects.filter(disclosure=disclosure, transition="send_back").get().comment


def test_open_errors_block_approval_until_each_is_overridden_with_a_reason(client, disclosure, people):
    act(login(client, people["clerk"]), disclosure, "submit")
    pass_open_errors(disclosure, people["reviewer"])
    error = Finding.objects.create(disclosure=disclosure, rule="TEST", title="测试", severity="error",
                                   message="测试错误", key="test-error")
    login(client, people["reviewer"])
    act(client, disclosure, "approve")
    assert status(disclosure) == Disclosure.Status.SUBMITTED
    client.post(reverse("disclosures:finding_override", args=[error.pk]), {"reason": ""})
    error.refresh_from_db()
    assert error.overridden_by is None
    client.post(reverse("disclosures:finding_override", args=[error.pk]), {"reason": "原文印刷如此，已与部门核实"})
    error.refresh_from_db()
    assert error.overridden_by == people["reviewer"] and error.override_reason
    act(client, disclosure, "approve")
    assert status(disclosure) == Disclosure.Status.APPROVED


def test_a_clerk_cannot_override_findings(client, disclosure, people):
    error = Finding.objects.create(disclosure=disclosure, rule="TEST", title="测试", severity="error",
                                   message="测试错误", key="test-error")
    login(client, people["clerk"]).post(reverse("disclosures:finding_override", args=[error.pk]), {"reason": "x"})
    error.refresh_from_db()
    assert error.overridden_by is None


def test_managers_see_every_department(client, disclosure, people):
    assert login(client, people["manager"]).get(disclosure.get_absolute_url()).status_code == 200


def test_pages_of_a_disclosure_imported_without_an_uploader(client, sample_parsed, sample_pdf, people):
    """The command line imports with no user: the pages say "—" instead of failing."""
    disclosure = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes()).disclosure
    login(client, people["manager"])
    for url in (reverse("disclosures:dashboard"), disclosure.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200 and "—" in response.content.decode()
    assert client.get(reverse("disclosures:history", args=[disclosure.pk])).status_code == 200
