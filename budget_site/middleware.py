"""Middleware of every request: an id for its log lines, and a cap on its body's size."""
import contextvars
import logging
import uuid

from django.conf import settings
from django.shortcuts import render

request_id = contextvars.ContextVar("request_id", default="-")


class RequestIDMiddleware:
    """A fresh id per request, on every log record written meanwhile and in ``X-Request-ID``.

    A staff member quoting the id of an error page's response leads to that request's log lines.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex
        token = request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIDFilter(logging.Filter):
    """Puts the current request's id (``-`` outside a request) on each record as ``request_id``.

    django.request logs a 4xx response after the middleware has returned, with the request itself
    on the record: its id is taken from there.
    """

    def filter(self, record):
        record.request_id = getattr(getattr(record, "request", None), "id", None) or request_id.get()
        return True


class BodySizeLimitMiddleware:
    """413 for a body declared larger than the biggest upload allowed, before anything reads it.

    Django's own limits apply to form fields only; a file upload would otherwise be streamed to
    disk whole before the form could refuse it. Placed before CSRF, which reads the form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DISCLOSURE_UPLOAD_MAX_BYTES + settings.REQUEST_BODY_MARGIN_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: no body
        if length > limit:
            context = {"limit_mb": settings.DISCLOSURE_UPLOAD_MAX_BYTES // (1024 * 1024)}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
