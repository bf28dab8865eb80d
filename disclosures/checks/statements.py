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

# The characters of a section the figures are read from, and how far before an amount its label may start.
SECTION_MAX = 20_000
LABEL_MAX = 200
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
AMOUNT = re.compile(rf"(?<![\d.,])({NUMBER})万元")
# Where the text quoting an amount starts: the last of these before the amount.
LABEL_START = re.compile(r".*(?:[，。；：:;、]|,(?!\d{3})|其中|包括|主要用于以下方面)", re.S)
SHARE = re.compile(rf"^[，,]?占(?P<base>[^，。；%]*?)的?(?P<pct>{NUMBER})%")
# A label ending like this quotes a change, not a figure; what precedes it names the subject.
CHANGE_TAIL = re.compile(
    r"(?:(?:比|较|与)(?:上年|上一年|上年度|\d{4}年度?)(?:相比)?(?:年初)?(?:预算执行数|预算数|预算|决算数|决算|执行数)?)?"
    r"(?P<dir>增加|减少)了?$")
PCT_CHANGE = re.compile(rf"^[，,]?(?:同比)?(?P<dir>增长|下降|上升|降低|增加|减少)了?(?P<pct>{NUMBER})%")
BUDGET_MARK = re.compile(r"(?:年初预算数?|预算数)为?$")
FINAL_MARK = re.compile(r"(?:支出)?决算数?为?$")
LABEL_SUFFIX = re.compile(r"(?:科目|为|是|约|达)$")
ENUMERATION = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]+、|\d{1,2}[、.．])")
LEADING_WORDS = re.compile(r"^(?:其中|包括|主要是|所以|全年|本部门|本单位|我部门|我单位|部门)")
YEAR = re.compile(r"\d{4}年度?")
QUOTES = re.compile(r"[“”\"‘’]")
# An item of a list starts at a number after a sentence end.
ITEM_START = re.compile(r"(?:^|(?<=[。；：]))(?=\d{1,2}[、.．]\D|[（(][一二三四五六七八九十]{1,3}[)）])")
# 类 starts a run between punctuation (so a search tries each run once, not each character).
CHAIN = re.compile(r"(?<![^，。；：:、“”])(?P<lei>[^，。；：:、“”]+?)[（(]类[)）](?:(?P<kuan>[^，。；：:、“”]+?)[（(]款[)）])?"
                   r"(?:(?P<xiang>[^，。；：:、“”]+?)[（(]项[)）])?")


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
