"""The document agrees with itself: one fiscal year, one department name, no template left over,
no editorial slips."""
import re

from disclosures.parsing.numbers import normalize
from disclosures.parsing.vocab.checks import (
    BRACKETS,
    DEPARTMENT_NAMES,
    DUPLICATE_MARK,
    HEADING_YEAR,
    OPENING,
    PLACEHOLDER,
    PROJECT_HEADING,
    YEAR_PHRASES,
)

from .registry import ERROR, INFO, WARNING, rule


def snippet(text, start, end, width=12):
    return text[max(0, start - width): end + width].replace("\n", "")


def stated_years(text, phrases, heading=None):
    """(match, offset from the fiscal year, text) for each year ``text`` states: the phrases'
    (比2024年, 截至2024年底), then, in a heading, every other year as the document's own."""
    found = {}
    for pattern, shift in phrases:
        for m in pattern.finditer(text):
            found.setdefault(m.start("year"), (m, shift, text))
    for m in heading.finditer(text) if heading else ():
        found.setdefault(m.start("year"), (m, 0, text))
    return [found[start] for start in sorted(found)]


@rule("D01", "年度一致", ERROR, tolerance="exact")
def years(ctx, rule):
    """Headings, sentences and dates state the document's year (its comparisons the year before)."""
    offset = 0 if ctx.kind == "budget" else 1
    department = re.escape(ctx.department)
    phrases = [(re.compile(p.replace("DEPARTMENT", department)), o[offset]) for p, o in YEAR_PHRASES]
    for section in ctx.sections:
        where = section["heading"].strip()
        stated = stated_years(section["text"], phrases)
        if not PROJECT_HEADING.search(where):
            stated += stated_years(where, phrases, HEADING_YEAR)
        for m, shift, text in stated:
            if int(m.group("year")) != ctx.year + shift:
                yield rule.finding(
                    f"{where}：“{snippet(text, m.start(), m.end())}”写的是 {m.group('year')} 年，"
                    f"应为 {ctx.year + shift} 年",
                    section=section["id"], discriminator=f"{'标题' if text is where else ''}{m.start()}|{m.group()}")
    for table in ctx.tables:
        for m in HEADING_YEAR.finditer(table.title):
            if int(m.group("year")) != ctx.year:
                yield rule.finding(f"{table.label}：标题年度 {m.group('year')} 与文件年度 {ctx.year} 不符",
                                   table=table.id)
    published = ctx.disclosure.published_on
    allowed = (ctx.year - 1, ctx.year) if ctx.kind == "budget" else (ctx.year + 1,)
    if published and published.year not in allowed:
        yield rule.finding(f"落款日期 {published:%Y年%m月%d日} 与 {ctx.year} 年度的{ctx.disclosure.get_kind_display()}不符",
                           severity=WARNING)


@rule("D02", "部门名称一致", ERROR, tolerance="exact")
def department_name(ctx, rule):
    """编制部门, the 关于… headings, the signature and the 部门整体 table name the same department."""
    expected = normalize(ctx.department)
    for section in ctx.sections:
        for pattern in DEPARTMENT_NAMES:
            for text in (section["heading"], section["text"]):
                for m in pattern.finditer(text):
                    if normalize(m.group("name")) != expected:
                        yield rule.finding(f"{section['heading'].strip()}：部门名称写作“{m.group('name')}”，"
                                           f"应为“{ctx.department}”", section=section["id"],
                                           discriminator=m.group("name"))
    for target in ctx.targets:
        if target.scope == "department" and target.unit and normalize(target.unit) != expected:
            yield rule.finding(f"部门整体绩效目标表：部门名称写作“{target.unit}”，应为“{ctx.department}”",
                               target=target.id)


def table_texts(ctx):
    for table in ctx.tables:
        for line in table.lines:
            yield f"{line.name}\n{line.project}", {"table": table.id, "lines": [line]}


@rule("D03", "模板占位符", ERROR, tolerance="exact")
def placeholders(ctx, rule):
    """No template placeholder (XX, ××, 某某, 待填写) is left in the text or the tables."""
    for text, links in [*ctx.texts(), *table_texts(ctx)]:
        found = [snippet(text, m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
        if found:
            yield rule.finding("文中留有模板占位符：" + "；".join(f"“{s}”" for s in found), **links)


def bracket_slips(text):
    """Closing brackets of another kind than the one they close: “(2021]”."""
    stack, slips = [], []
    for i, char in enumerate(text):
        if char not in BRACKETS:
            continue
        if char in OPENING:
            stack.append((i, char))
        elif stack:
            start, opener = stack.pop()
            if BRACKETS[opener] != BRACKETS[char]:
                slips.append((start, i + 1))
    return slips


@rule("D04", "标点重复与括号不配", INFO, tolerance="exact")
def editorial_slips(ctx, rule):
    """Duplicated punctuation (。。，““) and mismatched brackets, as info."""
    for text, links in ctx.texts():
        spans = [(m.start(), m.end()) for m in DUPLICATE_MARK.finditer(text)] + bracket_slips(text)
        if spans:
            shown = "；".join(f"“{snippet(text, a, b, 8)}”" for a, b in sorted(spans))
            yield rule.finding(f"标点或括号疑误：{shown}", **links)
