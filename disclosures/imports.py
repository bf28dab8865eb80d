"""Upload → parsed, pending import → confirmed records. Shared by the admin and commands.

A file is recognised by its content, not its name: a PDF is parsed, a disclosure-v1 JSON
document is validated against the schema. Either result is then checked against the records
(``validation.validate``), so a preview never shows what could not be saved. Nothing reaches the
records until confirmed.
"""
import codecs
import json
import os
import tempfile
from functools import lru_cache, partial
from pathlib import Path

import jsonschema
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction

from . import access
from .checks import SEVERITY_ORDER, evaluate
from .ingest import ConcurrentImport, ingest, lost_to_another, save_records
from .models import Disclosure, PendingImport
from .parsing import ParseError, parse
from .validation import MAX_DEPTH, leaves, validate

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


def parse_bytes(data, name="", progress=None):
    """(disclosure-v1 dict, page count or None) for an uploaded file's bytes; ``progress`` as for ``parse``."""
    check_size(len(data))
    if data.removeprefix(codecs.BOM_UTF8).lstrip()[:1] in (b"{", b"["):
        result, pages = load_json(data), None
    else:
        result, pages = parse_pdf(data, progress)
    validate(result)
    return result, pages


def parse_pdf(data, progress=None):
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as tmp:
        tmp.write(data)
    try:
        stats = {}
        result = parse(tmp.name, stats=stats, progress=progress)
        return result, stats.get("pages")
    finally:
        os.unlink(tmp.name)


def load_json(data):
    """A disclosure-v1 dict from JSON bytes (a UTF-8 byte-order mark allowed), or UploadRejected."""
    try:
        result = json.loads(data.decode("utf-8-sig"), parse_constant=refuse_constant)
    except RecursionError:
        raise UploadRejected(f"JSON 嵌套过深（超过 {MAX_DEPTH} 层）") from None
    except (UnicodeDecodeError, ValueError) as exc:  # ValueError: also an integer of over 4,300 digits
        raise UploadRejected(f"JSON 文件无法读取：{str(exc)[:200]}") from None
    for _ in leaves(result):  # refuses deep nesting before the schema reads (and quotes) it
        pass
    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(result), key=lambda e: e.path)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "（根）"
        raise UploadRejected(f"JSON 不符合 disclosure-v1 格式：{where[:200]}：{errors[0].message[:200]}")
    return result


def refuse_constant(name):
    raise UploadRejected(f"JSON 含有 {name}：数值必须是有限数（NaN、Infinity 不是 JSON 数字）")


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


def stage(data, name, user, progress=None):
    """Parse an upload and keep it as a PendingImport for the preview page (a preview job's worker)."""
    parsed, pages = parse_bytes(data, name, progress)
    authorize(parsed, user)
    pending = PendingImport(
        source_name=name[:PendingImport._meta.get_field("source_name").max_length], sha256=Disclosure.checksum(data),
        page_count=pages, parsed=parsed, uploaded_by=user,
    )
    pending.source.save(Path(name).name or "upload", ContentFile(data), save=False)
    try:
        pending.save()
    except BaseException as exc:
        pending.source.delete(save=False)
        if isinstance(exc, OperationalError) and lost_to_another(exc):
            raise ConcurrentImport() from exc
        raise
    return pending


def trial_findings(pending):
    """What the checks will find once ``pending`` is saved, errors first, as plain values.

    The records are saved and checked in a transaction that is rolled back, without the source file,
    so the preview lists exactly the findings that confirming stores. A file already imported saves
    nothing new, so it has none.
    """
    if duplicate_of(pending):
        return []
    with transaction.atomic():
        disclosure, _ = save_records(pending.parsed, pending.sha256, b"", pending.source_name, pending.uploaded_by,
                                     pending.page_count, [])
        drafts = evaluate(disclosure)
        transaction.set_rollback(True)
    drafts.sort(key=lambda d: SEVERITY_ORDER[d.severity])
    return [
        {"rule": d.rule.code, "title": str(d.rule.title), "severity": d.severity, "message": d.message,
         **{name: None if getattr(d, name) is None else str(getattr(d, name))
            for name in ("expected", "actual", "difference")}}
        for d in drafts
    ]


def confirm(pending, user):
    """Save exactly the previewed result; the pending import is gone afterwards."""
    with pending.source.open("rb") as fh:
        data = fh.read()
    with transaction.atomic():
        result = save(pending.parsed, data, pending.source_name, user, pending.page_count)
        pending.delete()
        transaction.on_commit(partial(pending.source.storage.delete, pending.source.name))
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
