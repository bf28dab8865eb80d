"""The document agrees with itself: one fiscal year, one department name, no template left over,
no editorial slips."""
import re

from disclosures.parsing.numbers import normalize

from .registry import ERROR, INFO, WARNING, rule

# Where a year is stated and which year it must be, as an offset from the fiscal year
# (budget, final accounts): the year compared with is the previous one, an asset count is taken
# at the end of the year before a budget and at the end of the year of final accounts.
YEAR_PHRASES = (
    (r"(?:比|较)\s*(?P<year>\d{4})\s*年", (-1, -1)),
    (r"与\s*(?P<year>\d{4})\s*年度?(?:预算|决算)?(?:执行数)?(?:相比|持平|基本持平)", (-1, -1)),
    (r"截[至止]\s*(?P<year>\d{4})\s*年", (-1, 0)),
    (r"(?:^|[。；\n])\s*(?P<year>\d{4})\s*年度?\s*[，,]\s*(?:本部门|本单位|DEPARTMENT)", (0, 0)),
    (r"DEPARTMENT\s*(?P<year>\d{4})\s*年", (0, 0)),
    (r"(?P<year>\d{4})\s*年度?\s*DEPARTMENT", (0, 0)),
    (r"(?m)^[（(]\s*(?P<year>\d{4})\s*年度?\s*[)）]\s*$", (0, 0)),  # a performance table's （2025 年）
)
HEADING_YEAR = re.compile(r"(?P<year>\d{4})\s*年")
# Headings that name a project may carry another year (2024 年结转项目 …).
PROJECT_HEADING = re.compile(r"项目名称|项目：")
DEPARTMENT_NAMES = (
    re.compile(r"编制(?:部门|单位)[:：]\s*(?P<name>[^\s:：]+)"),
    re.compile(r"^\S{0,6}关于(?P<name>.+?)\s*\d{4}\s*年"),
    re.compile(r"\n(?P<name>[^\n，。：:；]{4,40})\n\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"),
)
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|[×＊*]{2,}|某某|待填写|待补充|此处填写|请填写)(?![A-Za-z])")
DUPLICATE_MARK = re.compile(r"([，。、；：！？“”‘’])\1")
BRACKETS = {"（": "round", "(": "round", "）": "round", ")": "round", "[": "square", "【": "square",
            "〔": "square", "［": "square", "]": "square", "】": "square", "〕": "square", "］": "square",
            "《": "book", "》": "book"}
OPENING = set("（([【〔［《")


def snippet(text, start, end, width=12):
    return text[max(0, start - width): end + width].replace("\n", "")


@rule("D01", "年度一致", ERROR, tolerance="exact")
def years(ctx, rule):
    """Headings, sentences and dates state the document's year (its comparisons the year before)."""
    offset = 0 if ctx.kind == "budget" else 1
    department = re.escape(ctx.department)
    phrases = [(re.compile(p.replace("DEPARTMENT", department)), o[offset]) for p, o in YEAR_PHRASES]
    for section in ctx.sections:
        where = section["heading"].strip()
        checks = [] if PROJECT_HEADING.search(where) else [(m, 0, where) for m in HEADING_YEAR.finditer(where)]
        for pattern, shift in phrases:
            checks += [(m, shift, section["text"]) for m in pattern.finditer(section["text"])]
        for m, shift, text in checks:
            if int(m.group("year")) != ctx.year + shift:
                yield rule.finding(
                    f"{where}：“{snippet(text, m.start(), m.end())}”写的是 {m.group('year')} 年，"
                    f"应为 {ctx.year + shift} 年",
                    section=section["id"], discriminator=f"{m.start()}|{m.group()}")
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
