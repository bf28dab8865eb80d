"""Every ParseError class of the parser keeps a one-line message, and that line is what staff see:
the ``parse_pdf`` command's stderr and the admin import's job page, never a traceback."""
import inspect

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosures.management.commands.parse_pdf import Command
from disclosures.parsing import errors
from tests.jobs.files import run_upload

CLASSES = [cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, errors.ParseError)]


def test_every_error_class_is_covered():
    assert {"ParseError", "EncryptedPdf", "TooComplex", "BlankTemplate"} <= {cls.__name__ for cls in CLASSES}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_message_is_one_line_of_chinese(cls):
    message = cls().message
    assert message and "\n" not in message and "\r" not in message
    assert any("\u4e00" <= char <= "\u9fff" for char in message)
    assert len({c.code for c in CLASSES}) == len(CLASSES)


def raising(cls):
    def parse(*args, **kwargs):
        raise cls()
    return parse


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_command_prints_the_message_on_one_line_of_stderr(cls, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("disclosures.management.commands.parse_pdf.parse", raising(cls))
    with pytest.raises(SystemExit) as stopped:
        Command().run_from_argv(["manage.py", "parse_pdf", str(tmp_path / "bad.pdf")])
    assert stopped.value.code != 0
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"CommandError: {tmp_path / 'bad.pdf'}: {cls().message}"]
    assert "Traceback" not in err


@pytest.mark.django_db
@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_admin_import_shows_the_message(cls, monkeypatch, admin_client, django_capture_on_commit_callbacks):
    monkeypatch.setattr("disclosures.imports.parse", raising(cls))
    response = run_upload(admin_client, reverse("admin:disclosures_disclosure_import"),
                          {"file": SimpleUploadedFile("bad.pdf", b"%PDF-1.4 stand-in")},
                          django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert response.status_code == 200
    assert cls().message in page and "Traceback" not in page
