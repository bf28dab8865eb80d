"""Long text without punctuation: every text pattern of the checks and the narrative parser runs in
linear time, reads a bounded amount of text, and gives the same results on ordinary sentences.

One generous time bound per test is only a safety net: before, 80,000 characters took minutes (the
类 chain and the label search were quadratic, some parser patterns cubic); now milliseconds.
"""
import re
import time
from types import SimpleNamespace

import pytest

from disclosures.checks import statements
from disclosures.parsing import textflow
from disclosures.parsing.vocab import narrative as narrative_vocab

N = 80_000
HOSTILE = {
    "characters": "支" * N,
    "words": ("一般公共服务支出" * N)[:N],
    "amounts": ("支出12万元" * N)[:N],
    "classification": ("一般（类）" * N)[:N],
    "spaces": "支" + " " * N + "支",
}
# The patterns as they were, to compare results on ordinary text.
OLD_CHAIN = re.compile(r"(?P<lei>[^，。；：:、“”]+?)[（(]类[)）](?:(?P<kuan>[^，。；：:、“”]+?)[（(]款[)）])?"
                       r"(?:(?P<xiang>[^，。；：:、“”]+?)[（(]项[)）])?")
OLD_LEADER = textflow.LEADER
OLD_DEPARTMENT_TITLES = (r"^第一部分\s*(\D+?)\s*(?:部门)?概况$",
                         r"^(\D+?)\s*\d{4}\s*年\s*度?\s*(?:[省市区县]级)?\s*部门\s*(?:预算|决算)")
OLD_ITEM_END = r"等?[。；;，,\s]*$"
OLD_STAFFING_CHANGE = r"^\s*[，,]?\s*(?:比上年|较上年)?\s*(增加|增|减少|减|持平|不变)\s*(\d*)"
SENTENCES = [
    "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）2025年预算数为1,557.26万元，"
    "比上年增加12.50万元，增长0.81%。",
    "2.社会保障和就业支出（类）财政对其他社会保险基金的补助（款）（项）：30.00万元，主要用于以下方面：保险。",
    "本部门2025年收支总预算30,963.77万元，其中：一般公共预算财政拨款收入14,101.12万元，占45.54%。",
    "“三公”经费支出预算为94.59万元，较上年减少1.00万元。（一）因公出国（境）费0万元；其中（类）不是科目。",
    "年初预算为100.00万元，支出决算为90.00万元，决算数小于预算数。",
]


def figures(text):
    ctx = SimpleNamespace(memo={}, sections=[{"id": 1, "heading": "说明", "text": text}], department="测试局")
    return statements.figures(ctx)


def summary(found):
    return [(f.subject, f.printed, f.mark, f.share, f.change, f.chain) for f in found]


@pytest.mark.parametrize("kind", HOSTILE)
def test_statement_figures_of_80000_characters_take_well_under_a_second(kind, monkeypatch):
    monkeypatch.setattr(statements, "SECTION_MAX", 10 * N)  # the patterns themselves, not the cap
    started = time.perf_counter()
    found = figures(HOSTILE[kind])
    assert time.perf_counter() - started < 5
    assert all(len(f.subject) <= statements.LABEL_MAX for f in found)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_chain_finds_what_it_found_before(sentence):
    old, new = OLD_CHAIN.search(sentence), statements.CHAIN.search(sentence)
    assert (old and (old.span(), old.groupdict())) == (new and (new.span(), new.groupdict()))
    for m in statements.AMOUNT.finditer(sentence):
        subject = sentence[max(0, m.start() - 30): m.start()]
        assert bool(OLD_CHAIN.fullmatch(subject)) == bool(statements.CHAIN.fullmatch(subject))


def test_figures_of_ordinary_sentences_are_unchanged():
    """What the checks read from SENTENCES, as computed by the patterns before they were made linear."""
    assert summary(figures("".join(SENTENCES))) == [
        ("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）", "1,557.26", "budget", None,
         [("增加", "12.50", "增长", "0.81")], ("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行")),
        ("2.社会保障和就业支出财政对其他社会保险基金的补助", "30.00", "", None, [],
         ("2.社会保障和就业支出", "财政对其他社会保险基金的补助", None)),
        ("收支总预算", "30,963.77", "", None, [], None),
        ("一般公共预算财政拨款收入", "14,101.12", "", ("", "45.54"), [], None),
        ("三公经费支出预算", "94.59", "", None, [("减少", "1.00", "", "")], None),
        ("因公出国（境）费", "0", "", None, [], None),
        ("其中", "100.00", "budget", None, [], ("其中", None, None)),
        ("其中", "90.00", "final", None, [], ("其中", None, None)),
    ]


def test_a_label_is_read_at_most_label_max_characters_back():
    found = figures("支" * (statements.LABEL_MAX + 50) + "12万元")
    assert [f.subject for f in found] == ["支" * statements.LABEL_MAX]


def test_text_past_the_section_cap_is_not_read():
    assert figures("。" * statements.SECTION_MAX + "收入12万元") == []
    assert [f.subject for f in figures("。" * (statements.SECTION_MAX - 10) + "收入12万元")] == ["收入"]


PARSER_CASES = {
    "staffing change": (lambda text: re.match(narrative_vocab.STAFFING_CHANGE, text),
                        lambda text: re.match(OLD_STAFFING_CHANGE, text),
                        [" " * N + "x", "，比上年 增加 3", " 减少2人", "较上年持平", "x增加"]),
    "department title": (lambda text: re.search(narrative_vocab.DEPARTMENT_TITLES[1], text),
                         lambda text: re.search(OLD_DEPARTMENT_TITLES[1], text),
                         ["某局 2025年" + " " * N + "x", "某局" + " " * N + "x", "乌鲁木齐市数字化发展局 2025 年度部门预算",
                          "某区教育局2025年区级部门决算", "2025年部门预算", "某局 2025年 部门 预算"]),
    "part one heading": (lambda text: re.search(narrative_vocab.DEPARTMENT_TITLES[0], text),
                         lambda text: re.search(OLD_DEPARTMENT_TITLES[0], text),
                         ["第一部分" + " " * N + "x", "第一部分 某局" + " 某" * N, "第一部分 某市财政局部门概况",
                          "第一部分某局概况", "第一部分  某局  概况"]),
    "contents leader": (textflow.without_leader, lambda text: OLD_LEADER.sub("", text),
                        ["." * N + "x", "...…" * (N // 4) + "x", "目录" + "...…" * (N // 4) + " 12",
                         "一、部门职责……………… 3", "二、机构设置.......12 ", "三、说明·…12", "第...章", "…", "x…… 1 2"]),
    "list item end": (lambda text: textflow.ITEM_END.sub("", text), lambda text: re.sub(OLD_ITEM_END, "", text),
                      ["，" * N + "x", "等 " * (N // 2) + "x", "处室，" + "；" * N, "办公室等。", "办公室等等，",
                       "等", "财务科；", "人事科 ", "等等", "科，等。x"]),
}


def result(found):
    if isinstance(found, re.Match):
        return found.span(), found.groups()
    return found


@pytest.mark.parametrize("case", PARSER_CASES)
def test_narrative_parser_patterns_are_linear_and_unchanged(case):
    new, old, texts = PARSER_CASES[case]
    started = time.perf_counter()
    for text in texts[:3]:
        new(text)
    assert time.perf_counter() - started < 5
    for text in texts:
        if len(text) < 100:
            assert result(new(text)) == result(old(text)), text
