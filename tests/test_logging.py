"""Errors reach stderr, each line with the id the response carries in X-Request-ID."""
import io
import logging

import pytest
from django.urls import path

log = logging.getLogger("disclosures.views")


def failing_view(request):
    log.warning("about to fail")
    raise RuntimeError("boom")


urlpatterns = [path("fail/", failing_view)]


@pytest.fixture
def stderr_lines():
    """What the configured stderr handler writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "stderr")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.urls(__name__)
def test_an_exception_is_logged_with_the_request_id_and_answered_in_chinese(client, caplog, stderr_lines):
    client.raise_request_exception = False
    response = client.get("/fail/")
    assert response.status_code == 500 and "服务器出错" in response.content.decode()
    request_id = response["X-Request-ID"]
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].request_id == request_id
    lines = stderr_lines.getvalue()
    assert f"ERROR [{request_id}] django.request: Internal Server Error: /fail/" in lines
    assert f"WARNING [{request_id}] disclosures.views: about to fail" in lines
    assert "RuntimeError: boom" in lines


@pytest.mark.django_db
def test_every_response_has_its_own_request_id_also_on_4xx_lines(client, stderr_lines):
    first, second = client.get("/no-such-page/"), client.get("/no-such-page/")
    assert len({first["X-Request-ID"], second["X-Request-ID"]}) == 2
    assert f"WARNING [{second['X-Request-ID']}] django.request: Not Found: /no-such-page/" in stderr_lines.getvalue()
