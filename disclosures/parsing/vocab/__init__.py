"""The printed vocabulary the parser and the checks match, as data, one module per subject.

Adding a region's template means adding entries here: title aliases for its table names,
header rules for its column labels, row labels for its totals, the phrasings of its running
text, the labels the checks look for. Patterns are compiled ``re.Pattern`` objects (the
fragments and templates they are built from are strings); plain words are strings. Nothing
here imports the rest of the project. The table vocabulary is re-exported for ``vocab.NAME``.
"""
from .headers import HEADER_RULES, SIDE_HEADERS
from .numbering import CONTENTS_NUMBER, ROW_OPENER
from .tables import (
    CONTENTS_HEADING,
    CORE_TABLES,
    EMPTY_NOTE,
    FINAL_TITLE_WORD,
    ORGANISATION_SUFFIX,
    PROJECT_WORDS,
    TABLE_LABEL,
    TABLE_TITLES,
    TITLE_MAX_EXTRA,
    TITLE_PREFIX,
    TOTAL_ROW,
    TRANSPOSED_SUBTOTAL,
    TRANSPOSED_SUFFIX,
    TRANSPOSED_VALUE_KEYS,
    TWO_SIDED,
    UNIT_GROUPED,
)
from .units import UNIT_LABEL, UNIT_LINE

__all__ = [
    "CONTENTS_HEADING", "CONTENTS_NUMBER", "CORE_TABLES", "EMPTY_NOTE", "FINAL_TITLE_WORD", "HEADER_RULES", "ORGANISATION_SUFFIX",
    "PROJECT_WORDS", "ROW_OPENER", "SIDE_HEADERS", "TABLE_LABEL", "TABLE_TITLES", "TITLE_MAX_EXTRA",
    "TITLE_PREFIX", "TOTAL_ROW", "TRANSPOSED_SUBTOTAL", "TRANSPOSED_SUFFIX", "TRANSPOSED_VALUE_KEYS",
    "TWO_SIDED", "UNIT_GROUPED", "UNIT_LABEL", "UNIT_LINE",
]
