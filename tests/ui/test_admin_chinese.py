"""The admin in Chinese: what Django 5.2's and django-axes' catalogs leave in English, and the
permission names Django stores in English, are filled by locale/ and disclosures/admin_auth.py."""
import gettext
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.ui.test_no_internal_keys import VisibleText

pytestmark = pytest.mark.django_db
LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
ENGLISH = ("Add link", "Model name", "Change or view list link", "Axes", "Access attempts", "Access logs",
           "Can add", "Can change", "Can delete", "Can view", "historical", "arrow button")


def visible(response):
    assert response.status_code == 200
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(parser.parts)


@pytest.mark.parametrize("page", ["admin:index", "admin:auth_user_change", "admin:auth_group_change"])
def test_admin_pages_leave_no_english_behind(admin_client, admin_user, role_groups, page):
    args = {"admin:index": [], "admin:auth_user_change": [admin_user.pk],
            "admin:auth_group_change": [Group.objects.first().pk]}[page]
    text = visible(admin_client.get(reverse(page, args=args)))
    assert [word for word in ENGLISH if word.lower() in text.lower()] == []


def test_permissions_are_named_by_action_and_model(admin_client, role_groups):
    text = visible(admin_client.get(reverse("admin:auth_group_change", args=[Group.objects.first().pk])))
    assert "可修改 预算行" in text and "预算行（修改记录）" in text and "登录防护" in text


def test_the_widgets_catalog_names_the_weekdays_in_chinese(admin_client):
    catalog = admin_client.get(reverse("admin:jsi18n")).content.decode()
    assert '"one letter Sunday\\u0004S": "\\u65e5"' in catalog or '"one letter Sunday\\u0004S": "日"' in catalog
    assert "\\u5168\\u9009 %s" in catalog or "全选 %s" in catalog  # Choose all %s → 全选 %s


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogs_match_their_sources(domain):
    """Each .mo is compiled from its .po as committed (`msgfmt -o X.mo X.po`)."""
    source = (LOCALE / f"{domain}.po").read_text()
    compiled = gettext.GNUTranslations((LOCALE / f"{domain}.mo").open("rb"))
    entries = re.findall(r'(?:^msgctxt "(.*)"\n)?^msgid "(.+)"\nmsgstr "(.+)"$', source, re.M)
    assert entries
    for context, msgid, msgstr in entries:
        msgid = msgid.replace('\\"', '"')
        assert (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) == msgstr
