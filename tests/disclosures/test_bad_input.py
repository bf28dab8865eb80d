"""Bad input: every kind of unreadable file raises its own ParseError with a clear message.

Each test builds its bad file in tmp_path; the disclosure content comes from tests/pdfgen.py.
"""
import json
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from disclosures.parsing import errors, parse
from disclosures.parsing.pdf import Limits
from tests import pdfgen
from tests.rawpdf import pdf_bytes

REPO = Path(__file__).resolve().parents[2]


def disclosure(path, **render):
    """A small generated disclosure at ``path``; returns the path."""
    spec = pdfgen.disclosure_spec(performance=False)
    return pdfgen.render_disclosure(path, spec, **render)[0]


def minimal_pdf(content):
    """A hand-written one-page PDF whose page content stream is ``content`` (Flate-compressed)."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_bytes(objects)


def test_empty_file_is_reported_as_empty(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(errors.EmptyFile):
        parse(path)


def test_png_named_pdf_is_not_a_pdf_and_the_message_says_png(tmp_path):
    path = tmp_path / "photo.pdf"
    Image.new("RGB", (20, 20), "white").save(path, format="PNG")
    with pytest.raises(errors.NotAPdf) as caught:
        parse(path)
    assert "PNG" in caught.value.message


def test_zip_named_pdf_is_not_a_pdf_and_the_message_says_zip(tmp_path):
    path = tmp_path / "archive.pdf"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("disclosure.txt", "部门预算")
    with pytest.raises(errors.NotAPdf) as caught:
        parse(path)
    assert "ZIP" in caught.value.message


def test_pdf_with_an_open_password_is_encrypted(tmp_path):
    path = disclosure(tmp_path / "locked.pdf", encrypt=StandardEncryption("user", "owner"))
    with pytest.raises(errors.EncryptedPdf):
        parse(path)


def test_pdf_restricted_only_by_owner_permissions_parses_like_the_unrestricted_file(tmp_path):
    restricted = disclosure(
        tmp_path / "restricted.pdf",
        encrypt=StandardEncryption("", "owner", canPrint=0, canModify=0, canCopy=0, canAnnotate=0),
    )
    plain = disclosure(tmp_path / "plain.pdf")
    result = parse(restricted)
    assert result["tables"]
    assert result == parse(plain)


def test_truncated_pdf_is_corrupt(tmp_path):
    whole = disclosure(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(errors.CorruptPdf):
        parse(path)


def test_scan_without_a_text_layer_has_no_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.drawInlineImage(Image.new("L", (300, 420), 200), 0, 0, 595, 842)
    page.save()
    with pytest.raises(errors.NoTextLayer):
        parse(path)


def test_ordinary_text_pdf_is_not_a_disclosure(tmp_path):
    notice = "定于下周一上午九点在三楼会议室召开全体职工大会，请各科室负责人通知本科室人员准时参加。"
    path, _ = pdfgen.render_disclosure(tmp_path / "notice.pdf", {
        "narrative": [("part", "关于召开全体职工大会的通知"), ("body", notice), ("right", "办公室")],
    })
    with pytest.raises(errors.NotADisclosure):
        parse(path)


def test_page_with_a_huge_content_stream_is_too_complex_and_stops_early(tmp_path):
    path = tmp_path / "complex.pdf"
    path.write_bytes(minimal_pdf(b"0 0 m 1 1 l S\n" * 3_000_000))  # 42 MB of path operators
    started = time.monotonic()
    with pytest.raises(errors.TooComplex):
        parse(path, limits=Limits(max_content_bytes=1_000_000))
    assert time.monotonic() - started < 5


def run_parse_pdf(*args):
    return subprocess.run(
        [sys.executable, "manage.py", "parse_pdf", *map(str, args)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("make, problem", [
    (lambda path: path.write_bytes(b""), errors.EmptyFile.default_message),
    (lambda path: Image.new("RGB", (20, 20)).save(path, format="PNG"), "PNG"),
    (lambda path: path.write_bytes(disclosure(path).read_bytes()[:5000]), "不完整"),
], ids=["empty", "png", "truncated"])
def test_command_reports_bad_file_in_one_line_without_traceback(tmp_path, make, problem):
    path = tmp_path / "bad.pdf"
    make(path)
    done = run_parse_pdf(path)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert problem in lines[0] and "bad.pdf" in lines[0]
    assert "Traceback" not in done.stderr


def test_command_writes_utf8_json_with_chinese_unescaped(tmp_path):
    path = disclosure(tmp_path / "good.pdf")
    out = tmp_path / "out.json"
    done = run_parse_pdf(path, "-o", out)
    assert done.returncode == 0, done.stderr
    text = out.read_bytes().decode("utf-8")
    assert "某市教育局" in text and "\\u" not in text
    assert json.loads(text)["document"]["department"] == "某市教育局"
