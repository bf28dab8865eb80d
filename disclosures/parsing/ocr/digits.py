"""What OCR makes of printed numbers: full-width forms, stray spaces and look-alike letters.

A cell whose text is a number but for look-alikes (O for 0, l or I for 1) or a separator read as
the other (a thousands comma as a full stop, a decimal point as a comma) is rewritten as that
number; the rewrite is marked so the caller keeps it only where the table's sums confirm it.
Full-width forms and spacing are undone silently. Text cells are left as recognised.
"""
import re
import unicodedata

LOOK_ALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1"})
NUMBERISH = re.compile(r"^(?=.*\d)[-−]?[\dOoDlIi|]+(?:[.,][\dOoDlIi|]+)*$")


def clean_number(text):
    """(text, corrected): ``text`` with number spacing undone and look-alikes replaced when the
    cell is a number but for them; ``corrected`` is True when a letter was replaced or a separator
    read as the other."""
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    if not NUMBERISH.match(compact):
        return text, False
    fixed = separators(compact.translate(LOOK_ALIKES))
    return fixed, fixed != compact


def separators(number):
    """Commas and full stops as the printed grouping implies: every separator but the last is a
    thousands comma; the last is a decimal point unless three digits follow it (then a comma when
    another separator precedes it, or as read when it stands alone)."""
    parts = re.split(r"[.,]", number)
    if len(parts) == 1:
        return number
    head, last = parts[:-1], parts[-1]
    if len(last) == 3 and (len(parts) > 2 or number[-4] == ","):
        return ",".join(parts)
    return ",".join(head) + "." + last
