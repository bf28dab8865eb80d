"""Doors of the site: error pages, password change, login lockout, request size."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from disclosures.roles import CLERK
from tests.builders import staff

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PASSWORD_CHANGE = reverse("password_change")


@pytest.fixture
def clerk(client):
    user = staff("clerk", CLERK)
    client.force_login(user)
    return user


# Error pages


def test_404_page_is_chinese_in_the_site_look(client, clerk, settings):
    assert settings.DEBUG is False
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body and 'class="site"' in body  # base.html's header, for a signed-in user


def test_403_page_is_chinese(client, settings):
    assert settings.DEBUG is False
    client.force_login(get_user_model().objects.create_user("outsider", password="x"))  # not staff
    response = client.get(reverse("disclosures:dashboard"))
    assert response.status_code == 403 and "没有访问权限" in response.content.decode()


# Password change


def test_header_links_to_password_change(client, clerk):
    assert f'href="{PASSWORD_CHANGE}"' in client.get(reverse("disclosures:dashboard")).content.decode()


def test_password_change_page_is_chinese_and_needs_login(client):
    assert client.get(PASSWORD_CHANGE)["Location"].startswith(LOGIN)
    client.force_login(staff("clerk", CLERK))
    body = client.get(PASSWORD_CHANGE).content.decode()
    assert "修改密码" in body and 'name="old_password"' in body and 'name="new_password2"' in body


def test_staff_changes_their_password_and_stays_signed_in(client, clerk):
    new = "Lantern-budget-2031"
    response = client.post(PASSWORD_CHANGE, {"old_password": "password", "new_password1": new,
                                             "new_password2": new})
    assert response["Location"] == reverse("password_change_done")
    done = client.get(response["Location"])
    assert "密码已修改" in done.content.decode()
    clerk.refresh_from_db()
    assert clerk.check_password(new)
    assert client.get(reverse("disclosures:dashboard")).status_code == 200


def test_password_change_refuses_a_wrong_old_password(client, clerk):
    new = "Lantern-budget-2031"
    response = client.post(PASSWORD_CHANGE, {"old_password": "wrong", "new_password1": new,
                                             "new_password2": new})
    assert response.status_code == 200 and response.context["form"].errors["old_password"]
    clerk.refresh_from_db()
    assert clerk.check_password("password")


# Login lockout (django-axes)


def log_in(client, password, address="127.0.0.1"):
    return client.post(LOGIN, {"username": "clerk", "password": password}, REMOTE_ADDR=address)


def test_sixth_login_after_five_failures_is_refused_even_with_the_right_password(client):
    staff("clerk", CLERK)
    for _ in range(5):
        assert log_in(client, "wrong").status_code in (200, 429)
    response = log_in(client, "password")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode() and "15 分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fewer_failures_do_not_lock_and_another_address_is_not_locked(client):
    staff("clerk", CLERK)
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "password").status_code == 302
    client.logout()
    for _ in range(5):
        log_in(client, "wrong")
    assert log_in(client, "password", address="10.1.2.3").status_code == 302


# Request size


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_an_oversized_body_is_refused_with_413_before_it_is_read(client, settings):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    settings.DISCLOSURE_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    declared = settings.DISCLOSURE_UPLOAD_MAX_BYTES + settings.REQUEST_BODY_MARGIN_BYTES + 1
    response = client.generic(
        "POST", reverse("admin:disclosures_disclosure_import"), b"",
        CONTENT_TYPE="multipart/form-data; boundary=xyz", CONTENT_LENGTH=str(declared),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "请求内容超过上限（文件最大 2 MB）" in response.content.decode()


def test_a_body_within_the_limit_passes(client, settings):
    settings.DISCLOSURE_UPLOAD_MAX_BYTES = 0
    settings.REQUEST_BODY_MARGIN_BYTES = 1000
    staff("clerk", CLERK)
    assert log_in(client, "password").status_code == 302  # a login form posts well under 1000 bytes
