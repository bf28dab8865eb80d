"""Other matters: 机关运行经费, 政府采购, 国有资产, “三公”经费 as quoted in the explanations."""

import re

from ..numbers import parse_amount
from ..textflow import paragraphs, sections
from ..vocab.narrative import (
    ASSET_TOPIC,
    ASSETS,
    CLAUSE_END,
    FIGURE_END,
    FINAL_FIGURE_WORD,
    MONEY,
    OPERATING_FUNDS,
    OPERATING_TOPIC,
    PLANNED_WORDS,
    PROCUREMENT,
    PROCUREMENT_TOPIC,
    THREE_PUBLIC,
    THREE_PUBLIC_COMBINED,
    THREE_PUBLIC_TOPIC,
)
from .document import document_kind


def parse_other_matters(pages):
    """``{operating_funds, procurement, assets, three_public}`` from the explanations."""
    paras = paragraphs(pages)
    prefer = FINAL_FIGURE_WORD if document_kind(paras) == "final_accounts" else None
    procurement = topic_text(paras, PROCUREMENT_TOPIC)
    assets = current_holdings(topic_text(paras, ASSET_TOPIC))
    three = topic_text(paras, THREE_PUBLIC_TOPIC)
    return {
        "operating_funds": figure_after(topic_text(paras, OPERATING_TOPIC), OPERATING_FUNDS, FIGURE_END),
        "procurement": {key: figure_after(procurement, p, FIGURE_END) for key, p in PROCUREMENT.items()},
        "assets": {key: first_match(assets, pattern, count) for key, (pattern, count) in ASSETS.items()},
        "three_public": {
            key: figure_after(three, label, three_public_end(label), prefer)
            for key, label in THREE_PUBLIC.items()
        },
    }


def three_public_end(label):
    """Where the clause of a 三公 item ends: at a clause end or at another item's label."""
    others = [item.pattern for item in (*THREE_PUBLIC.values(), THREE_PUBLIC_COMBINED) if item != label]
    return re.compile("|".join([CLAUSE_END, *others]))


def topic_text(paras, words):
    """The body text of the sections whose heading names the topic (else all text), one line each.

    A section without a figure (a table's title above its 编制部门 line) does not count.
    """
    texts = ["".join(p.text for p in body) for heading, body in sections(paras)
             if heading and any(w in heading.text for w in words)]
    chosen = [text for text in texts if MONEY.search(text)]
    return "\n".join(chosen or ["".join(p.text for p in paras if not p.heading)])


def figure_after(text, label, stop, prefer=None):
    """The first amount after ``label`` and before ``stop``; one just after ``prefer`` wins."""
    for m in label.finditer(text):
        window = text[m.end():]
        end = stop.search(window)
        window = window[:end.start()] if end else window
        figures = list(MONEY.finditer(window))
        if figures:
            chosen = [f for f in figures if prefer and prefer in window[:f.start()][-8:]] or figures
            return parse_amount(chosen[0].group(1))
    return None


def current_holdings(text):
    """``text`` without the sentences about planned purchases."""
    return "。".join(s for s in text.split("。") if not any(w in s for w in PLANNED_WORDS))


def first_match(text, pattern, count):
    """Group 1 of ``pattern``'s first match, as an int when it is a ``count``, else as an amount."""
    m = pattern.search(text)
    return (int if count else parse_amount)(m.group(1)) if m else None
