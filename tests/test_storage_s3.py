"""Uploads in an S3-compatible bucket (STORAGE_S3_BUCKET), for workers on other machines: moto stands in
for the object store inside the test process."""
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.urls import reverse
from moto import mock_aws

from disclosures import imports
from disclosures.roles import REVIEWER
from tests.builders import staff

ROOT = Path(__file__).resolve().parents[1]
BUCKET = "budget-records-test"


def test_the_bucket_setting_selects_the_s3_backend_with_private_files():
    code = ("import django; django.setup(); from django.conf import settings; s = settings.STORAGES['default']; "
            "print(s['BACKEND'], s['OPTIONS']['bucket_name'], s['OPTIONS']['endpoint_url'], s['OPTIONS']['default_acl'])")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budget_site.settings", "SECRET_KEY": "k",
           "STORAGE_S3_BUCKET": "disclosures", "STORAGE_S3_ENDPOINT_URL": "http://minio.internal:9000"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["storages.backends.s3.S3Storage", "disclosures", "http://minio.internal:9000",
                                   "private"]


@pytest.fixture
def bucket(settings, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "default_acl": "private", "file_overwrite": False}}}
        yield boto3.client("s3")


@pytest.mark.django_db
def test_an_imported_pdf_is_stored_in_the_bucket_and_served_from_it(client, bucket, sample_pdf):
    disclosure = imports.import_file(sample_pdf).disclosure
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [disclosure.source_pdf.name]
    assert bucket.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == sample_pdf.read_bytes()
    client.force_login(staff("reviewer", REVIEWER))
    response = client.get(reverse("disclosures:source_pdf", args=[disclosure.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == sample_pdf.read_bytes()
    image = client.get(reverse("disclosures:page_image", args=[disclosure.pk, 1]))
    assert image.status_code == 200 and b"".join(image.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_a_queued_file_goes_through_the_bucket_to_the_worker(bucket, sample_pdf, django_capture_on_commit_callbacks):
    from disclosures import tasks

    with django_capture_on_commit_callbacks(execute=True):  # the worker's run (eager) after the commit
        job = tasks.enqueue(sample_pdf)
    job.refresh_from_db()
    assert (job.status, job.outcome) == ("saved", "created")
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {job.source.name, job.disclosure.source_pdf.name}
