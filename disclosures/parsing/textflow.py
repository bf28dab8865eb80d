"""The running text of a disclosure as paragraphs: wrapped lines joined, headings marked.

Works on the text lines that :mod:`pdf` leaves outside the ruled tables. Page-number
footers are dropped; characters some producers print a few points below their line
(numbers typeset into gaps of the sentence) are put back into those gaps; wrapped lines
are joined without adding anything, so the text keeps the text layer's own spaces.
"""
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .vocab.numbering import HEADING_MARK, ITEM_MARK

FOOTER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／共]\s*\d+\s*页?)?[-—–\s]*$")
LEADER = re.compile(r"(?:…{2,}|[.·．]{3,})[.…·．]*\s*\d*\s*$")  # 目录 leaders and the page number
# The trailing run of leader characters and what follows it; each run is tried once (linear time).
LEADER_RUN = re.compile(r"(?<![.…·．])[.…·．]++\s*+\d*+\s*$")
# A list item's trailing 等 and punctuation; a run is tried once, from its start (linear time).
ITEM_END = re.compile(r"等?+(?<![。；;，,\s])[。；;，,\s]*+$")
FOOTER_ZONE = 0.85  # footers sit below this fraction of the page height
FRAGMENT_SHIFT = 0.6  # a line this many font sizes below the previous one belongs to it
HEADING_STEP = 0.9  # points above the body size that make a heading
MARK_HEADING_MAX = 40  # a numbered body-size line up to this long can be a heading
ITEM_HEADING_MAX = 20  # so can a 1./(1) numbered line up to this long
INDENT = 0.9  # font sizes of indentation that open a paragraph
OPENING, CLOSING = "（(〔[【《", "）)〕]】》"
SHORT_LINE = 2.5  # font sizes short of the right margin that end a paragraph
BODY_WIDTH_SLACK = 1.1  # a line no wider than this many body-size characters is body text


@dataclass
class Para:
    """A paragraph (or heading) of running text."""

    text: str
    size: float
    heading: bool = False
    pages: list = field(default_factory=list)
    bottom: float = 0.0
    ended: bool = False  # its last line stops short of the right margin


def paragraphs(pages):
    """The paragraphs of all ``pages`` in reading order."""
    pages = list(pages)
    page_lines = [(page.number, clean_lines(page)) for page in pages]
    body = body_size(lines for _, lines in page_lines)
    page_lines = [(number, [body_sized(line, body) for line in lines]) for number, lines in page_lines]
    margins = page_margins(pages, page_lines, body)
    paras = []
    for number, lines in page_lines:
        left, right = margins[number]
        prev = None
        for line in lines:
            if continues(paras, prev, line, left, right):
                para = paras[-1]
                para.text += line.text
                para.bottom = line.bottom
                if number not in para.pages:
                    para.pages.append(number)
            else:
                heading = line.size >= body + HEADING_STEP
                paras.append(Para(line.text, line.size, heading, [number], line.bottom))
            prev = line
        if paras and prev is not None:
            paras[-1].ended = prev.x1 < right - SHORT_LINE * prev.size
    for i, para in enumerate(paras):
        around = (paras[i - 1] if i else None, paras[i + 1] if i + 1 < len(paras) else None)
        para.heading = para.heading or is_mark_heading(para.text) or is_item_heading(para, *around)
    return paras


def continues(paras, prev, line, left, right):
    """Whether ``line`` goes on with the last paragraph (``prev`` is the line above, if on this page)."""
    if not paras or ITEM_MARK.match(line.text) or HEADING_MARK.match(line.text):
        return False
    last = paras[-1]
    if abs(line.size - last.size) > 0.5:
        return False
    if last.heading:
        return prev is not None and line.top - prev.bottom < line.size
    if line.x0 > left + INDENT * line.size:
        return False
    if prev is None:
        return not last.ended
    return prev.x1 >= right - SHORT_LINE * prev.size


def is_mark_heading(text):
    """A short numbered line that is not a sentence: ``（三）国有资产占用使用情况``."""
    text = text.strip()
    return bool(HEADING_MARK.match(text)) and len(text) <= MARK_HEADING_MAX and text[-1] not in "。；，：:;,"


def is_item_heading(para, before, after):
    """A short 1./(1) numbered line without punctuation, standing alone: ``2. 机构设置`` printed at body
    size. An item of a list is not one: a sentence ending in ：introduces it, or the item before or
    after it is numbered the same way and in sequence."""
    text = para.text.strip()
    mark = item_mark(text)
    if not mark or len(text) > ITEM_HEADING_MAX or any(ch in text for ch in "。；;，,：:"):
        return False
    if before is not None and before.text.rstrip().endswith(("：", ":")):
        return False
    style, number = mark
    return all(item_mark(other.text.strip()) != (style, number + step)
               for other, step in ((before, -1), (after, 1)) if other is not None)


def item_mark(text):
    """(numbering style, number) of a 1./1、/(1) item, or None: ``(1) 某中心`` → ("(#)", 1)."""
    m = ITEM_MARK.match(text)
    if not m:
        return None
    digits = re.search(r"\d+", m.group())
    style = re.sub(r"\d+", "#", m.group()).replace(" ", "").replace("（", "(").replace("）", ")")
    return style, int(digits.group())


def without_leader(text):
    """``text`` without its 目录 leader and page number: ``LEADER`` searched in the trailing run only."""
    run = LEADER_RUN.search(text)
    found = run and LEADER.search(run.group())
    return text[: run.start() + found.start()] if found else text


def clean_lines(page):
    """The page's lines with offset fragments put back, without page-number footer or 目录 leaders."""
    out = []
    for line in merge_fragments(page.lines):
        text = without_leader(line.text).strip()
        if text and not is_footer(line, page):
            out.append(line if text == line.text else replace(line, text=text))
    return out


def body_sized(line, body):
    """``line`` as body text when its width says so although one larger character raised its size."""
    length = sum(char_width(ch, 1.0) for ch in line.text if ch != " ")
    estimate = (line.x1 - line.x0) / length if length else line.size
    if estimate < line.size - 1 and estimate <= body * BODY_WIDTH_SLACK:
        return replace(line, size=body)
    return line


def is_footer(line, page):
    return line.top > page.height * FOOTER_ZONE and bool(FOOTER.match(line.text))


def body_size(groups):
    """The font size most of the text is printed in."""
    counts = Counter()
    for lines in groups:
        for line in lines:
            counts[round(line.size)] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 0


def page_margins(pages, page_lines, body):
    """Left and right text margins per page number, pooled over pages of the same width."""
    edges = {}
    for page, (_, lines) in zip(pages, page_lines, strict=True):
        group = edges.setdefault(round(page.width), ([], []))
        for line in lines:
            if abs(line.size - body) < 1:
                group[0].append(round(line.x0))
                group[1].append(line.x1)
    margins = {}
    for page in pages:
        lefts, rights = edges[round(page.width)]
        counts = Counter(lefts)
        steady = [x for x, n in counts.items() if n > 1] or lefts or [0]
        margins[page.number] = (min(steady), right_margin(rights, page.width))
    return margins


def right_margin(rights, width):
    """Where full lines end: the commonest line end among the rightmost ones."""
    if not rights:
        return width
    far = max(rights)
    counts = Counter(round(x) for x in rights if x >= 0.8 * far)
    return counts.most_common(1)[0][0]


def merge_fragments(lines):
    """Put lines printed just below their line (a few points lower) back into it."""
    out, pieces = [], []
    for line in lines:
        host = out[-1] if out else None
        if host is not None and is_fragment(host, line):
            pieces[-1].append(line)
        else:
            out.append(line)
            pieces.append([])
    return [fill_gaps(host, frags) if frags else host for host, frags in zip(out, pieces, strict=True)]


def is_fragment(host, line):
    """``line`` sits a few points below ``host`` and within its reach: part of the same line."""
    reach = 2 * host.size
    close = 0 < line.top - host.top <= FRAGMENT_SHIFT * host.size
    return close and line.x0 < host.x1 + reach and line.x1 > host.x0 - reach


def fill_gaps(host, fragments):
    """``host`` with the fragments' tokens put into its gaps (or before / after it)."""
    tokens = sorted(t for frag in fragments for t in token_spans(frag))
    chunks = host.text.split(" ")
    slots = place_tokens(tokens, host, gap_centres(host, chunks))
    parts = ["".join(slots[0])]
    for i, chunk in enumerate(chunks):
        if i:
            parts.append("".join(slots[i]) or " ")
        parts.append(chunk)
    parts.append("".join(slots[-1]))
    return replace(host, text="".join(parts))


def place_tokens(tokens, host, gaps):
    """The tokens of each slot: before the line, in each gap, after the line.

    As many tokens as gaps, all within the line, fill the gaps in order; otherwise each
    token goes to the slot nearest to it, never before the previous token's slot.
    """
    places = [host.x0] + gaps + [host.x1]
    slots = [[] for _ in places]
    if len(tokens) == len(gaps) and all(host.x0 <= centre <= host.x1 for centre, _ in tokens):
        for slot, (_, token) in zip(slots[1:], tokens, strict=False):
            slot.append(token)
        return slots
    at = 0
    for centre, token in tokens:
        if centre > host.x1:
            best = len(places) - 1
        elif centre < host.x0:
            best = 0
        else:
            inner = range(max(at, 1), len(places) - 1)
            best = min(inner, key=lambda i: abs(places[i] - centre), default=at)
        at = max(at, best)
        slots[at].append(token)
    return slots


def char_width(ch, size):
    return size * (0.5 if ord(ch) < 0x2000 else 1.0)


def token_spans(line):
    """(estimated centre x, token) for each space-separated token of ``line``."""
    tokens = line.text.split(" ")
    return [((x0 + x1) / 2, token) for (x0, x1), token in zip(part_spans(line, tokens), tokens, strict=True)]


def gap_centres(line, chunks):
    """Estimated centre x of each gap between the space-separated ``chunks`` of ``line``."""
    spans = part_spans(line, chunks)
    return [(left[1] + right[0]) / 2 for left, right in pairwise(spans)]


def part_spans(line, parts):
    """Estimated (x0, x1) of each part of ``line``, the width left over shared by the gaps."""
    widths = [sum(char_width(ch, line.size) for ch in part) for part in parts]
    gap = max(0.0, (line.x1 - line.x0 - sum(widths)) / (len(parts) - 1)) if len(parts) > 1 else 0.0
    spans, x = [], line.x0
    for width in widths:
        spans.append((x, x + width))
        x += width + gap
    return spans


def drop_repeat(text):
    """``text`` once where the document prints it twice in a row (or starts printing it again)."""
    probe = text[:20]
    if len(probe) < 20:
        return text
    at = text.find(probe, 1)
    while at > 0:
        if text.startswith(text[at:]):
            return text[:at]
        at = text.find(probe, at + 1)
    return text


def sections(paras):
    """(heading paragraph or None, body paragraphs) in printed order, empty leads dropped."""
    out = [(None, [])]
    for para in paras:
        if para.heading:
            out.append((para, []))
        else:
            out[-1][1].append(para)
    return [(heading, body) for heading, body in out if heading is not None or body]


def split_list(text):
    """Split an enumeration on 、 outside brackets; items lose a trailing 等 and punctuation."""
    items, depth, current = [], 0, ""
    for ch in text:
        depth += (ch in OPENING) - (ch in CLOSING)
        if ch == "、" and depth <= 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [ITEM_END.sub("", item.strip()) for item in items]
