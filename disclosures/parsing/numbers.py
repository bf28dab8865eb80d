"""Amounts, classification codes and plain numbers as printed in disclosures."""
import re
import unicodedata

AMOUNT_RE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
CODE_PART_RE = re.compile(r"^\d{2,3}$")
CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_NAME_RE = re.compile(r"^\s*([23]\d{2}(?: \d{2}){0,2}|[23]\d{4}|[23]\d{6})(?![\d.,])\s*(\D.*)$")


def normalize(text):
    """NFKC-normalise (full-width digits and commas become ASCII) and drop whitespace."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def parse_amount(text):
    """``"12,345.67"`` → ``"12345.67"``; None when ``text`` is not a printed amount.

    The string keeps its printed decimals (``"0.00"`` stays ``"0.00"``, ``"0"`` stays ``"0"``).
    """
    value = normalize(text).replace("−", "-")
    if not value or not AMOUNT_RE.match(value):
        return None
    return value.replace(",", "")


def join_code(parts):
    """Join printed 类/款/项 parts (``"201"``, ``"03"``, ``"01"``) into ``"2010301"``.

    Returns None unless the result is a well-formed 3/5/7-digit code.
    """
    digits = "".join(normalize(p) for p in parts if normalize(p))
    return digits if CODE_RE.match(digits) else None


def split_code_name(text):
    """``"201 一般公共服务支出"`` → (``"201"``, ``"一般公共服务支出"``); (None, text) without a code.

    Only functional (2xx) and economic (3xx) codes are split off, so names that merely start
    with a number (``"2024 年…"``, ``"12345 热线…"``) stay whole.
    """
    m = CODE_NAME_RE.match(text or "")
    if m:
        return m.group(1).replace(" ", ""), m.group(2).strip()
    return None, (text or "").strip()


def code_level(code):
    """1 for a 类 code, 2 for 款, 3 for 项 (by length: 3, 5, 7 digits)."""
    return {3: 1, 5: 2, 7: 3}.get(len(code or ""))
