"""项目支出情况说明: each project's labelled fields (项目名称：…) or titled report.

Read by structure, not by line breaks: a label opens its field wherever it stands (at a paragraph's
start, after another field's text when a reflow ran them together, in any order), a value may
follow its label on the next line or page, and a report's title may be printed at body size.
"""

from ..numbers import parse_amount
from ..textflow import paragraphs
from ..vocab.narrative import (
    FIELD_LABEL,
    GENERIC_PROJECT_TITLES,
    IMPLEMENTER_NAME,
    LEADING_WORDS,
    MONEY,
    PERIOD_DATE,
    PROJECT_LABEL_FIELDS,
    PROJECT_LABEL_ORDER,
    PROJECT_NAME_IN_TEXT,
    PROJECT_TITLE_SUFFIX,
    RUN_SEPARATORS,
    SENTENCE_ENDS,
    TITLE_MAX,
    TOTAL_WORDS,
)
from ..vocab.numbering import HEADING_MARK, ITEM_MARK
from .document import department, iso_date


def parse_projects(pages):
    """The 项目支出情况说明 items: labelled fields (项目名称：…) or one titled report per project."""
    paras = paragraphs(pages)
    dept = department(paras)
    projects, current, field, title = [], None, None, None
    labels = [project_label(para.text) for para in paras]
    for i, para in enumerate(paras):
        pieces = field_runs(para.text, labels[i], field)
        if pieces[0][0] is None and len(pieces) == 1 and (
                para.heading or (is_title(para.text) and i + 1 < len(paras) and opens_report(labels[i + 1]))):
            current, field, title = None, None, para.text
            continue
        for key, value in pieces:
            if key is None:
                if current is not None and field:
                    current[field] = current.get(field, "") + value
                continue
            field = key
            if key in ("name", "overview"):
                current = {"title": title if key == "overview" else None}
                projects.append(current)
            if current is not None:
                current[key] = value
    return [project(fields, dept) for fields in projects]


def field_runs(text, found, field):
    """``text`` as (field or None, text) runs: the label it opens with (``found``), then one run per
    label inside it (fields run together); None goes on with ``field``.

    A label of the field being read is text of that field (政策依据：项目背景及立项依据：…).
    """
    key, rest = found if found else (None, text)
    runs, start, reading = [], 0, key or field
    for m in FIELD_LABEL.finditer(rest):
        inner = PROJECT_LABEL_FIELDS[m.group("label")]
        if inner == reading:
            continue
        runs.append((key, rest[start:m.start()].strip().rstrip(RUN_SEPARATORS)))
        key, reading, start = inner, inner, m.end()
    runs.append((key, rest[start:].strip() if runs else rest[start:]))
    return [(k, v) for k, v in runs if k is not None or v] or [(None, "")]


def is_title(text):
    """A short line that is not a sentence: a report's title printed at body size."""
    text = text.strip()
    return 0 < len(text) <= TITLE_MAX and text[-1] not in SENTENCE_ENDS


def opens_report(found):
    """Whether a paragraph's label (from :func:`project_label`) opens a titled project report."""
    return bool(found) and found[0] == "overview"


def project_label(text):
    """(field, rest of the paragraph) when ``text`` opens with a project label, else None."""
    mark = HEADING_MARK.match(text) or ITEM_MARK.match(text)
    rest = text[mark.end():].lstrip() if mark else text.lstrip()
    for label, field in PROJECT_LABEL_ORDER:
        if rest.startswith(label):
            value = rest[len(label):].lstrip()
            if not value or value[0] in "：:":
                return field, value.lstrip("：:").strip()
    return None


def project(fields, dept):
    """A schema project from the texts collected under each label."""
    period = [iso_date(m) for m in PERIOD_DATE.finditer(fields.get("period") or "")]
    unit = fields.get("unit")
    if unit is not None:
        unit = unit.strip().rstrip("。")
        if not IMPLEMENTER_NAME.fullmatch(unit):
            unit = dept  # a paragraph about who does what: the department answers for it
    return {
        "name": project_name(fields),
        "unit": unit or None,
        "basis": fields.get("basis") or None,
        "amount": project_amount(fields.get("amount") or ""),
        "allocation": fields.get("allocation") or fields.get("amount") or None,
        "period_start": period[0] if period else None,
        "period_end": period[1] if len(period) > 1 else None,
    }


def project_name(fields):
    """项目名称, else the report's title, else (for a generic title) the project its overview names."""
    if fields.get("name"):
        return fields["name"]
    title = PROJECT_TITLE_SUFFIX.sub("", (fields.get("title") or "").strip())
    if title and title not in GENERIC_PROJECT_TITLES:
        return title
    m = PROJECT_NAME_IN_TEXT.search(fields.get("overview") or "")
    return m.group(1) if m else title or None


def project_amount(text):
    """The figure after a total word (总预算…), else one opening the text, else the only one."""
    figures = list(MONEY.finditer(text))
    for m in figures:
        if TOTAL_WORDS.search(text[:m.start()]):
            return parse_amount(m.group(1))
    if figures and (LEADING_WORDS.match(text[:figures[0].start()]) or len(figures) == 1):
        return parse_amount(figures[0].group(1))
    return None
