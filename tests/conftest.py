"""Shared fixtures: the sample disclosure (parsed once per run), the corpus scorer, a throw-away media root."""
import importlib.util
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE_PDF = SHARED / "corpus" / "urumqi-2025" / "disclosure.pdf"


def shared_path(*parts):
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared beside the checkout")
    return path


@pytest.fixture(scope="session")
def sample_pdf():
    return shared_path("corpus", "urumqi-2025", "disclosure.pdf")


@pytest.fixture(scope="session")
def sample_parsed(sample_pdf):
    from disclosures.parsing import parse

    return parse(sample_pdf)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def role_groups():
    """The role groups of the migrations, which an earlier transactional test's flush removed.

    Live-server tests run with a flushed database; each that signs in staff asks for this.
    """
    from django.contrib.auth.models import Group, Permission

    from disclosures.roles import role_permissions

    for name, perms in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([p for p in Permission.objects.select_related("content_type")
                               if (p.content_type.app_label, p.codename) in set(perms)])


@pytest.fixture(scope="session")
def scorer():
    """The corpus scorer, ../shared/tools/score.py, as a module."""
    spec = importlib.util.spec_from_file_location("score", shared_path("tools", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
