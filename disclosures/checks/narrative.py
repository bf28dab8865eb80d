"""The explanations against the tables: every amount, share and change the text quotes."""
import re
from decimal import Decimal

from disclosures.parsing.vocab.statements import DOWN, SHARE_BASES

from .context import name_key
from .registry import ERROR, WARNING, Amt, rule, total
from .statements import Figure, figures
from .subjects import resolve, scope_of, totals


def heading(figure):
    return re.sub(r"\s+", "", figure.section["heading"])[:40]


def resolved(ctx, figure):
    memo = ctx.memo.setdefault("resolved", {})
    if id(figure) not in memo:
        memo[id(figure)] = resolve(ctx, figure)
    return memo[id(figure)]


def quoted_against_tables(ctx, rule, topic):
    """Each quoted amount whose subject names a table figure of ``topic`` equals that figure."""
    for figure in figures(ctx):
        found = resolved(ctx, figure) if figure.amount is not None else None
        if not found or found.topic != topic or found.table.is_blank():
            continue  # a figure quoted for a blank table is C03's
        finding = rule.compare(
            ctx, ctx.wan(figure.printed), found.amount,
            f"{heading(figure)}：说明中“{figure.subject}” {figure.printed}万元 ≠ {found.describe(ctx)}",
            lines=found.lines, table=found.table.id, section=figure.section["id"],
            discriminator=f"{figure.subject}|{figure.printed}")
        if finding:
            yield finding


@rule("N01", "说明中的收支总额与表", ERROR)
def quoted_totals(ctx, rule):
    """收支总预算, 收入 / 支出预算, 财政拨款收支总计, 一般公共预算拨款 … equal the tables' totals."""
    yield from quoted_against_tables(ctx, rule, "total")


@rule("N02", "说明中的收入来源与收入表", ERROR)
def quoted_sources(ctx, rule):
    """Each income source the text quotes (单位资金, 财政拨款结转 …) equals its income-table column."""
    yield from quoted_against_tables(ctx, rule, "source")


@rule("N03", "说明中的基本支出、项目支出与表", ERROR)
def quoted_uses(ctx, rule):
    """基本支出 / 项目支出 / 人员经费 / 公用经费 as quoted equal the expense tables."""
    yield from quoted_against_tables(ctx, rule, "use")


@rule("N04", "说明中的科目金额与表", ERROR)
def quoted_classes(ctx, rule):
    """Each 类 / 款 / 项 the explanations quote equals its row (a row not printed is zero)."""
    yield from quoted_against_tables(ctx, rule, "class")


@rule("N05", "说明中的“三公”经费与表", ERROR)
def quoted_three_public(ctx, rule):
    """The 三公 figures of the text equal the 三公 table."""
    yield from quoted_against_tables(ctx, rule, "three_public")


@rule("N06", "机关运行经费与公用经费", ERROR)
def operating_funds(ctx, rule):
    """机关运行经费 (the administrative units' 公用经费) cannot exceed the basic table's 公用经费,
    and equals the 机关运行经费 column where the 三公 table prints one."""
    yield from quoted_against_tables(ctx, rule, "operating")
    quoted, basic = ctx.other_amt("operating_funds"), ctx.table("general_budget_basic_expense")
    if quoted is None or basic is None or not basic.lines:
        return
    if "public_funds" in basic.columns:
        public, lines = basic.grand_total("public_funds")
    else:
        lines = [t for t in basic.totals() if "公用经费" in t.key]
        if not lines:
            return
        public = lines[0].amt(lines[0].table.main_column)
    if quoted.value > public.value:
        finding = rule.compare(ctx, quoted, public, f"机关运行经费 {quoted}万元 大于 {basic.label} 公用经费 {public}",
                               lines=lines, table=basic.id)
        if finding:
            yield finding


def project_rows(ctx):
    table = ctx.table("general_budget_project_expense")
    return [line for line in table.lines if line.project] if table else []


def best_match(name, rows):
    """The row whose project name contains (or is contained in) ``name``, the longest such first."""
    key = name_key(name)
    found = [r for r in rows if name_key(r.project) and (name_key(r.project) in key or key in name_key(r.project))]
    return max(found, key=lambda r: len(name_key(r.project)), default=None)


@rule("N07", "项目预算安排规模与项目支出表", ERROR)
def project_amounts(ctx, rule):
    """Each described project's 预算安排规模 equals its row of the project expense table."""
    rows = project_rows(ctx)
    if not rows:
        return
    for project in ctx.projects:
        if project["amt"] is None:
            continue
        line = best_match(project["name"], rows)
        if line is None:
            yield rule.finding(f"项目“{project['name']}”预算安排规模 {project['amt']}万元，项目支出表中找不到该项目",
                               severity=WARNING, project=project["id"])
            continue
        finding = rule.compare(
            ctx, project["amt"], line.amt("total"),
            f"项目“{project['name']}”：说明中预算安排规模 {project['amt']}万元 ≠ {line.table.label} {line.project} "
            f"{line.amt('total')}", lines=[line], project=project["id"], table=line.table.id)
        if finding:
            yield finding


def share_base(ctx, figure, earlier):
    """The amount a share is a share of: as named (占本年支出合计的 …), else the last amount quoted
    before it without a share (the paragraph's lead), else the scope's own total."""
    name = figure.share[0]
    if name:
        same = [f for f in earlier if f.subject == name and f.amount is not None]
        if same:
            return ctx.wan(same[-1].printed)
        found = resolve(ctx, Figure(figure.section, figure.item, name))
        return found.amount if found else None
    lead = [f for f in earlier if f.amount is not None and f.share is None and not f.chain]
    if lead:
        return ctx.wan(lead[-1].printed)
    scope = scope_of(figure.section["heading"])
    found = totals(ctx, scope, SHARE_BASES[scope]) if scope in SHARE_BASES else None
    return found.amount if found else None


@rule("N08", "说明中的占比复算", ERROR, tolerance="percent")
def shares(ctx, rule):
    """Each quoted share (占 P%) is its amount divided by the amount it is a share of."""
    earlier = {}
    for figure in figures(ctx):
        before = earlier.setdefault(figure.section["id"], [])
        if figure.share and figure.amount is not None:
            base = share_base(ctx, figure, before)
            if base is not None:
                finding = rule.compare_percent(
                    ctx, figure.share[1], ctx.wan(figure.printed), base,
                    f"{heading(figure)}：“{figure.subject}” {figure.printed}万元占比",
                    section=figure.section["id"], discriminator=f"{figure.subject}|{figure.share[1]}")
                if finding:
                    yield finding
        before.append(figure)


def current_amount(ctx, figure, earlier):
    """The amount a change is quoted for: quoted with it, quoted before it, or the table's."""
    if figure.amount is not None:
        return ctx.wan(figure.printed)
    same = [f for f in earlier if f.subject == figure.subject and f.amount is not None]
    if same:
        return ctx.wan(same[-1].printed)
    found = resolve(ctx, figure)
    return found.amount if found else None


@rule("N09", "说明中的增减幅度复算", ERROR, tolerance="percent")
def changes(ctx, rule):
    """比上年增加 D 万元，增长 Q%: Q is D divided by last year's amount (this year's ∓ D)."""
    earlier = {}
    for figure in figures(ctx):
        before = earlier.setdefault(figure.section["id"], [])
        for direction, printed, pct_direction, pct in figure.change:
            current = current_amount(ctx, figure, before) if pct else None
            if current is None:
                continue
            change = ctx.wan(printed)
            sign = -1 if direction in DOWN else 1
            prior = Amt(current.value - sign * change.value, current.quantum + change.quantum)
            if change.value == 0 and Decimal(pct.replace(",", "")) == 0:
                continue
            finding = rule.compare_percent(
                ctx, pct, change, prior,
                f"{heading(figure)}：“{figure.subject}” {current}万元，{direction} {printed}万元，{pct_direction}",
                section=figure.section["id"], discriminator=f"{figure.subject}|{printed}|{pct}")
            if finding:
                yield finding
        before.append(figure)


@rule("N10", "说明中的结转结余与结转结余表", ERROR)
def quoted_carryover(ctx, rule):
    """上年结转结余, its 财政拨款 / 非财政拨款 parts and each project named equal the carry-over table."""
    yield from quoted_against_tables(ctx, rule, "carryover")


@rule("N11", "说明中“三公”经费各项之和", ERROR)
def three_public_parts(ctx, rule):
    """The 三公 total the text quotes equals its parts (出国 + 用车购置 + 用车运行 + 接待)."""
    whole = ctx.other_amt("three_public", "total")
    keys = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
    parts = [(k, ctx.other_amt("three_public", k)) for k in keys]
    parts = [(k, a) for k, a in parts if a is not None]
    if whole is None or not parts:
        return
    finding = rule.compare(ctx, whole, total(a for _, a in parts),
                           f"说明中“三公”经费 {whole}万元 ≠ 各项之和 " + " + ".join(str(a) for _, a in parts),
                           terms=len(parts))
    if finding:
        yield finding


@rule("N12", "说明中政府采购各项之和", ERROR)
def procurement_parts(ctx, rule):
    """政府采购预算 equals 货物 + 工程 + 服务."""
    whole = ctx.other_amt("procurement", "total")
    parts = [a for a in (ctx.other_amt("procurement", k) for k in ("goods", "works", "services")) if a is not None]
    if whole is None or not parts:
        return
    finding = rule.compare(ctx, whole, total(parts),
                           f"说明中政府采购 {whole}万元 ≠ 货物、工程、服务之和 " + " + ".join(map(str, parts)),
                           terms=len(parts))
    if finding:
        yield finding
