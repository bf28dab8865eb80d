"""The background imports in the admin: a clerk sees their own jobs, a manager every job, a reviewer none."""
import pytest
from django.urls import reverse

from disclosures.models import ImportJob
from disclosures.roles import CLERK, MANAGER, REVIEWER
from tests.builders import staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:disclosures_importjob_changelist")


@pytest.fixture
def jobs():
    mine, other = staff("clerk", CLERK), staff("other", CLERK)
    for user, name in ((mine, "本人的文件.pdf"), (other, "他人的文件.pdf")):
        ImportJob.objects.create(source=f"jobs/{name}", source_name=name, sha256=name, uploaded_by=user)
    return mine


def test_a_clerk_sees_only_their_own_jobs(client, jobs):
    client.force_login(jobs)
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert "本人的文件.pdf" in page.content.decode() and "他人的文件.pdf" not in page.content.decode()
    other = ImportJob.objects.get(source_name="他人的文件.pdf")
    assert client.get(reverse("admin:disclosures_importjob_change", args=[other.pk])).status_code == 302


def test_a_manager_sees_every_job_and_cannot_change_one(client, jobs):
    client.force_login(staff("manager", MANAGER))
    page = client.get(CHANGELIST).content.decode()
    assert "本人的文件.pdf" in page and "他人的文件.pdf" in page
    job = ImportJob.objects.get(source_name="他人的文件.pdf")
    change = client.get(reverse("admin:disclosures_importjob_change", args=[job.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()


def test_a_reviewer_has_no_job_list(client, jobs):
    client.force_login(staff("reviewer", REVIEWER))
    assert client.get(CHANGELIST).status_code == 403
