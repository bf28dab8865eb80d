"""项目支出情况说明: each project's labelled fields (项目名称：…) or titled report."""

from ..numbers import parse_amount
from ..textflow import paragraphs
from ..vocab.narrative import (
    GENERIC_PROJECT_TITLES,
    IMPLEMENTER_NAME,
    LEADING_WORDS,
    MONEY,
    PERIOD_DATE,
    PROJECT_LABEL_ORDER,
    PROJECT_NAME_IN_TEXT,
    PROJECT_TITLE_SUFFIX,
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
        found = labels[i]
        if found:
            field, value = found
            if field in ("name", "overview"):
                current = {"title": title if field == "overview" else None}
                projects.append(current)
            if current is not None:
                current[field] = value
        elif para.heading or (is_title(para.text) and i + 1 < len(paras) and opens_report(labels[i + 1])):
            current, field, title = None, None, para.text
        elif current is not None and field:
            current[field] = current.get(field, "") + para.text
    return [project(fields, dept) for fields in projects]


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
    if unit is not None and not IMPLEMENTER_NAME.fullmatch(unit.rstrip("。")):
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
