"""Upload → parsed, pending import → confirmed records. Shared by the admin and commands.

A file is recognised by its content, not its name: a PDF is parsed, a disclosure-v1 JSON
document is validated against the schema. Either result is then checked against the records
(``validation.validate``), so a preview never shows what could not be saved. Nothing reaches the
records until confirmed. A batch's ZIP is unpacked here, within limits (``unzip``).
"""
import codecs
import io
import json
import os
import tempfile
import zipfile
import zlib
from functools import lru_cache, partial
from pathlib import Path, PurePosixPath

import jsonschema
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction

from . import access
from .checks import SEVERITY_ORDER, evaluate
from .ingest import ConcurrentImport, ingest, lost_to_another, save_records
from .models import Disclosure, PendingImport
from .parsing import ParseError, parse
from .validation import MAX_DEPTH, leaves, validate

SCHEMA_PATH = Path(__file__).with_name("disclosure-v1.schema.json")
# A ZIP of a batch: at most this many files, this much unpacked, each member at most this many times
# its compressed size (a disclosure PDF compresses a few times; a zip bomb a thousand).
ZIP_MAX_MEMBERS = 100
ZIP_MAX_TOTAL = 200 * 1024 * 1024  # read into memory by the upload request before its jobs are queued
ZIP_MAX_RATIO = 100
ZIP_MEMBER_TYPES = (".pdf", ".json")


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


def unzip(data):
    """``[(file name, bytes)]`` of a ZIP's PDF and JSON members, or UploadRejected saying why not.

    Refused: an archive that cannot be read, a member outside the archive (absolute, ``..``), of
    another type, or over the upload limit, more than ZIP_MAX_MEMBERS files, more than ZIP_MAX_TOTAL
    bytes unpacked, a member compressed beyond ZIP_MAX_RATIO. Sizes are those the archive declares,
    and no member is read past its declared size.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
        for member in members:
            check_member(member)
        if not members:
            raise UploadRejected("ZIP 文件中没有文件")
        if len(members) > ZIP_MAX_MEMBERS:
            raise UploadRejected(f"ZIP 文件含 {len(members)} 个文件，上限为 {ZIP_MAX_MEMBERS} 个")
        if sum(m.file_size for m in members) > ZIP_MAX_TOTAL:
            raise UploadRejected(f"ZIP 文件解压后超过 {ZIP_MAX_TOTAL / 1024 / 1024:.0f} MB")
        files = []
        for member in members:
            with archive.open(member) as fh:
                content = fh.read(member.file_size + 1)
            if len(content) > member.file_size:
                raise UploadRejected(f"ZIP 文件中的“{member_name(member)}”比声明的大小更大")
            files.append((PurePosixPath(member_name(member)).name, content))
        return files
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            ValueError) as exc:
        raise UploadRejected(f"ZIP 文件无法读取（{str(exc)[:120] or type(exc).__name__}）") from None


def member_name(member):
    """A member's name; one a Chinese Windows archiver wrote in GBK without saying so, decoded as such."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gbk")
    except UnicodeError:
        return member.filename


def check_member(member):
    name = member_name(member)
    path = PurePosixPath(name.replace("\\", "/"))
    if not path.parts or path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
        raise UploadRejected(f"ZIP 文件中的“{name[:100]}”指向压缩包以外的位置")
    if path.suffix.lower() not in ZIP_MEMBER_TYPES:
        raise UploadRejected(f"ZIP 文件中的“{name[:100]}”不是 PDF 或 JSON 文件")
    check_size(member.file_size)
    if member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1):
        raise UploadRejected(f"ZIP 文件中的“{name[:100]}”压缩比异常（超过 {ZIP_MAX_RATIO} 倍），疑似压缩炸弹")


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
    try:
        with transaction.atomic():
            disclosure, _ = save_records(pending.parsed, pending.sha256, b"", pending.source_name,
                                         pending.uploaded_by, pending.page_count, [])
            drafts = evaluate(disclosure)
            transaction.set_rollback(True)
    except (IntegrityError, OperationalError) as exc:
        if lost_to_another(exc):
            raise ConcurrentImport() from exc
        raise
    drafts.sort(key=lambda d: SEVERITY_ORDER[d.severity])
    return [
        {"rule": d.rule.code, "title": str(d.rule.title), "severity": d.severity, "message": d.message,
         **{name: None if getattr(d, name) is None else str(getattr(d, name))
            for name in ("expected", "actual", "difference")}}
        for d in drafts
    ]


def summary(parsed):
    """What the preview lists: each table with its line count and totals, each target."""
    tables = []
    for table in parsed["tables"]:
        totals = [line for line in table["lines"] if line["row_type"] == "total"]
        tables.append({
            "number": table["number"],
            "title": table["title"],
            "pages": "、".join(str(p) for p in table["pages"]),
            "unit": table["amount_unit"],
            "lines": len(table["lines"]),
            "totals": [(t["side"] or "", t["name"], t["amounts"]) for t in totals],
            "empty_note": table["empty_note"],
        })
    targets = [
        {
            "scope": t["scope"],
            "name": t["project"] or t["unit"],
            "pages": "、".join(str(p) for p in t["pages"]),
            "indicators": len(t["indicators"]),
        }
        for t in parsed["performance_targets"]
    ]
    return {
        "document": parsed["document"],
        "units": parsed["overview"]["units"],
        "tables": tables,
        "projects": parsed["projects"],
        "targets": targets,
        "warnings": parsed.get("warnings") or [],
        "line_count": sum(t["lines"] for t in tables),
        "indicator_count": sum(t["indicators"] for t in targets),
    }


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
