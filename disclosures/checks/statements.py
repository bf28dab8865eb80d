"""The figures the narrative quotes: each amount in 万元 with the subject it is quoted for, the share
it is said to be (占 P%) and its change on the previous year (比上年增加 D 万元，增长 Q%).

Pure text work on the Section records, done once per run (``figures(ctx)``). Which table figure a
subject names is decided in ``subjects.py``. Every pattern runs in linear time, and the text read is
bounded (``SECTION_MAX``, ``LABEL_MAX``), so no text can make the checks slow.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from disclosures.parsing.vocab.numbering import ENUMERATION, ITEM_START
from disclosures.parsing.vocab.statements import (
    AMOUNT,
    BUDGET_MARK,
    CHAIN,
    CHANGE_TAIL,
    FINAL_MARK,
    LABEL_START,
    LABEL_SUFFIX,
    LEADING_WORDS,
    NUMBER,  # checks/performance.py imports it from here
    PCT_CHANGE,
    QUOTES,
    SHARE,
    YEAR,
)

__all__ = ["NUMBER", "Figure", "LABEL_MAX", "SECTION_MAX", "clean", "figures"]

# The characters of a section the figures are read from, and how far before an amount its label may start.
SECTION_MAX = 20_000
LABEL_MAX = 200


def clean(text):
    """Drop the spaces and line breaks of the text layer (but not those between two digits)."""
    text = text.translate(str.maketrans("０１２３４５６７８９％．", "0123456789%."))
    return re.sub(r"\s+(?=\D)|(?<=\D)\s+", "", text)


def number(text):
    return Decimal(text.replace(",", ""))


@dataclass(eq=False)
class Figure:
    """One quoted amount (or, with ``amount`` None, a subject whose change alone is quoted)."""

    section: dict
    item: str
    subject: str
    amount: Decimal = None
    printed: str = ""
    mark: str = ""  # "budget" (年初预算) or "final" (决算) when the text says which
    share: tuple = None  # (base subject or "", percent printed)
    change: list = field(default_factory=list)  # [(direction, amount printed, percent direction, percent)]
    chain: tuple = None  # (类, 款, 项) names when the item explains a classification


def subject_of(label, department):
    """The words naming what an amount is quoted for, without numbering, year, department, verbs."""
    label = YEAR.sub("", QUOTES.sub("", label).replace(department, ""))
    label = LEADING_WORDS.sub("", ENUMERATION.sub("", label))
    label = LEADING_WORDS.sub("", label)
    while True:
        stripped = LABEL_SUFFIX.sub("", label)
        if stripped == label:
            return label.lstrip("的")
        label = stripped


def mark_of(label):
    if FINAL_MARK.search(label):
        return "final"
    if BUDGET_MARK.search(label):
        return "budget"
    return ""


def split_items(text):
    """A section's text as list items (1、… 2、… （一）…), each with what precedes the first."""
    starts = [m.start() for m in ITEM_START.finditer(text)] + [len(text)]
    items = [text[: starts[0]]] if starts[0] else []
    return items + [text[a:b] for a, b in pairwise(starts) if b > a]


def parse_item(section, item, department):
    figures = []
    chain = CHAIN.search(item)
    chain_names = (chain.group("lei"), chain.group("kuan"), chain.group("xiang")) if chain else None
    for m in AMOUNT.finditer(item):
        if chain and chain.start() <= m.start() < chain.end():
            continue
        names = chain_names if chain and m.start() >= chain.end() else None
        head = item[max(0, m.start() - LABEL_MAX): m.start()]
        start = LABEL_START.match(head)
        label = head[start.end():] if start else head
        after = item[m.end():]
        tail = CHANGE_TAIL.search(label)
        if tail:
            owner = label[: tail.start()]
            subject = subject_of(owner, department)
            if not subject and not figures:
                continue  # a change of nothing named
            if not subject:
                target = figures[-1]
            else:
                target = Figure(section, item, subject)
                figures.append(target)
            pct = PCT_CHANGE.match(after)
            target.change.append((tail.group("dir"), m.group(1), pct.group("dir") if pct else "",
                                  pct.group("pct") if pct else ""))
            continue
        mark = mark_of(label)
        label = FINAL_MARK.sub("", label) if mark == "final" else BUDGET_MARK.sub("", label) if mark else label
        subject = subject_of(label, department)
        figure = Figure(section, item, subject, number(m.group(1)), m.group(1), mark)
        whole = CHAIN.fullmatch(subject)
        if whole:
            figure.chain = (whole.group("lei"), whole.group("kuan"), whole.group("xiang"))
        elif not subject and names:
            figure.subject, figure.chain = "".join(n for n in names if n), names
        elif not subject and figures:
            figure.subject, figure.chain = figures[-1].subject, figures[-1].chain
        share = SHARE.match(after)
        if share:
            figure.share = (subject_of(share.group("base"), department), share.group("pct"))
        figures.append(figure)
    return figures


def figures(ctx):
    """Every quoted figure of the narrative, in printed order (memoised on the context)."""
    if "figures" not in ctx.memo:
        found = []
        for section in ctx.sections:
            text = clean(section["text"][:SECTION_MAX])
            for item in split_items(text):
                found += parse_item(section, item, clean(ctx.department))
        ctx.memo["figures"] = found
    return ctx.memo["figures"]
