"""The help page: staff only, in the nav, and listing every registered rule, state, transition and role."""
import pytest
from django.urls import reverse

from disclosures import roles, workflow
from disclosures.checks.registry import REGISTRY
from disclosures.models import Disclosure

pytestmark = pytest.mark.django_db
HELP_URL = reverse("disclosures:help")


def test_help_lists_every_registered_rule(admin_client):
    page = admin_client.get(HELP_URL).content.decode()
    assert len(REGISTRY) > 40  # the performance app's rules are registered too
    assert any(code.startswith("P") for code in REGISTRY)
    for code, rule in REGISTRY.items():
        assert f"<td>{code}</td><td>{rule.title}</td>" in page


def test_help_lists_the_workflow_and_roles(admin_client):
    page = admin_client.get(HELP_URL).content.decode()
    for _value, label in Disclosure.Status.choices:
        assert str(label) in page
    for label in workflow.LABELS.values():
        assert f"<td>{label}</td>" in page
    for name, description in roles.ROLE_DESCRIPTIONS.items():
        assert f"<th>{name}</th><td>{description}</td>" in page
    assert "从PDF导入" in page and "import_pdf" in page


def test_help_is_linked_in_the_nav(admin_client):
    page = admin_client.get(reverse("disclosures:dashboard")).content.decode()
    assert f'href="{HELP_URL}"' in page


def test_help_is_staff_only(client, django_user_model):
    assert client.get(HELP_URL).status_code == 302
    client.force_login(django_user_model.objects.create_user("citizen", password="pw-citizen-1"))
    assert client.get(HELP_URL).status_code == 403
