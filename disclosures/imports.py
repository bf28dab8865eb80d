"""Upload → parsed, pending import → confirmed records. Shared by the admin and commands.

A file is recognised by its content, not its name: a PDF is parsed, a disclosure-v1 JSON
document is validated against the schema. Nothing reaches the records until confirmed.
"""
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import jsonschema
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from . import access
from .ingest import ingest
from .models import Disclosure, PendingImport
from .parsing import ParseError, parse

SCHEMA_PATH = Path(__file__).with_name("disclosure-v1.schema.json")


class UploadRejected(ParseError):
    code = "rejected"


class ImportRefused(ParseError):
    """The user may not import a disclosure of this department (see access.import_refusal)."""

    code = "refused"


@lru_cache(maxsize=1)
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def check_size(size):
    """Refuse a file over the upload limit (bytes), before anything reads it."""
    limit = settings.DISCLOSURE_UPLOAD_MAX_BYTES
    if size > limit:
        raise UploadRejected(f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.0f} MB")


def parse_bytes(data, name=""):
    """(disclosure-v1 dict, page count or None) for an uploaded file's bytes."""
    check_size(len(data))
    if data.lstrip()[:1] == b"{":
        return load_json(data), None
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as tmp:
        tmp.write(data)
    try:
        stats = {}
        result = parse(tmp.name, stats=stats)
        return result, stats.get("pages")
    finally:
        os.unlink(tmp.name)


def load_json(data):
    """A disclosure-v1 dict from JSON bytes, or UploadRejected saying what is wrong."""
    try:
        result = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UploadRejected(f"JSON 文件无法读取：{exc}") from None
    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(result), key=lambda e: e.path)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "（根）"
        raise UploadRejected(f"JSON 不符合 disclosure-v1 格式：{where}：{errors[0].message}")
    return result


def import_file(path, user=None):
    """Parse and save the PDF or JSON file at ``path`` in one go (the command-line import)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UploadRejected(f"无法读取文件：{exc.strerror}") from None
    parsed, pages = parse_bytes(data, path.name)
    return save(parsed, data, path.name, user, pages)


def authorize(parsed, user):
    """Refuse an import that ``user`` may not make (another department's disclosure)."""
    refusal = access.import_refusal(user, parsed["document"]["department"])
    if refusal:
        raise ImportRefused(refusal)


def save(parsed, data, name, user, pages):
    """Ingest for ``user`` after asking the access rule; a department the import creates becomes theirs."""
    with transaction.atomic():
        authorize(parsed, user)
        result = ingest(parsed, source_bytes=data, source_name=name, user=user, page_count=pages)
        access.claim_department(user, result.disclosure.department)
    return result


def stage(data, name, user):
    """Parse an upload and keep it as a PendingImport for the preview page."""
    parsed, pages = parse_bytes(data, name)
    authorize(parsed, user)
    pending = PendingImport(
        source_name=name[:255], sha256=Disclosure.checksum(data), page_count=pages, parsed=parsed,
        uploaded_by=user,
    )
    pending.source.save(Path(name).name or "upload", ContentFile(data), save=False)
    pending.save()
    return pending


def confirm(pending, user):
    """Save exactly the previewed result; the pending import is gone afterwards."""
    with pending.source.open("rb") as fh:
        data = fh.read()
    with transaction.atomic():
        result = save(pending.parsed, data, pending.source_name, user, pending.page_count)
        discard(pending)
    return result


def discard(pending):
    pending.source.delete(save=False)
    pending.delete()


def duplicate_of(pending):
    """The disclosure already imported from the same file, if any."""
    return Disclosure.objects.filter(sha256=pending.sha256).first()


def previous_version(parsed):
    """The current disclosure this import would supersede, if any."""
    doc = parsed["document"]
    return Disclosure.objects.filter(
        department__name=doc["department"], fiscal_year=doc["fiscal_year"], kind=doc["kind"], is_current=True
    ).first()
