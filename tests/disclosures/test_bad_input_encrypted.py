"""Encrypted PDFs: one restricted only by owner permissions (an empty user password, AES-128 or
AES-256) parses like its unencrypted twin, its streams measured decrypted; one that needs a password
is refused as encrypted. The fixtures were made once with qpdf (tests/disclosures/fixtures/README.md)."""
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from disclosures.parsing import errors, parse
from disclosures.parsing.pdf import Limits

FIXTURES = Path(__file__).parent / "fixtures"
OWNER_ONLY = ["aes128-owner-only.pdf", "aes256-owner-only.pdf"]


@pytest.fixture(scope="module")
def plain():
    return parse(FIXTURES / "plain.pdf")


@pytest.mark.parametrize("name", OWNER_ONLY)
def test_owner_restricted_aes_pdf_parses_like_its_unencrypted_twin(name, plain):
    result = parse(FIXTURES / name)
    assert result["tables"]
    assert result == plain


def largest_page_content(path):
    """The largest decoded (decrypted, inflated) content of one page, read by pdfminer itself."""
    with pdfplumber.open(path) as pdf:
        return max(sum(len(resolve1(s).get_data()) for s in page.page_obj.contents) for page in pdf.pages)


@pytest.mark.parametrize("name", OWNER_ONLY)
def test_the_complexity_guard_measures_the_decrypted_content(name):
    path = FIXTURES / name
    largest = largest_page_content(path)
    assert parse(path, limits=Limits(max_content_bytes=largest))["tables"]
    with pytest.raises(errors.TooComplex):
        parse(path, limits=Limits(max_content_bytes=largest - 1))


def test_aes_pdf_that_needs_a_password_is_encrypted():
    with pytest.raises(errors.EncryptedPdf) as caught:
        parse(FIXTURES / "aes256-user-password.pdf")
    assert "密码" in caught.value.message
