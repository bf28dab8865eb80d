"""Every table is there, and an empty one says so."""
from disclosures.parsing.titles import kind_title
from disclosures.parsing.vocab import CORE_TABLES

from .narrative import heading, resolved
from .registry import ERROR, rule
from .statements import figures


@rule("C01", "公开表齐全", ERROR, tolerance="exact")
def tables_present(ctx, rule):
    """The standard tables of the document's kind are present and the numbering has no gap."""
    kinds = {table.kind for table in ctx.tables}
    for kind in CORE_TABLES.get(ctx.kind, ()):
        if kind not in kinds:
            yield rule.finding(f"缺少{kind_title(kind, ctx.kind)}", discriminator=kind)
    numbers = {table.number for table in ctx.tables}
    for number in sorted(set(range(1, max(numbers, default=0) + 1)) - numbers):
        yield rule.finding(f"缺少表{number}：表号不连续", discriminator=str(number))


@rule("C02", "空表说明", ERROR, tolerance="exact")
def empty_tables_say_so(ctx, rule):
    """A table printed without figures carries its statement (本表无数据 / 为空表), and a table
    with figures does not carry one."""
    for table in ctx.tables:
        if table.is_blank() and not table.empty_note:
            yield rule.finding(f"{table.label}没有数据，也没有空表说明（如“本表无数据”）", table=table.id)
        elif table.empty_note and not table.is_blank():
            yield rule.finding(f"{table.label}注明“{table.empty_note}”，表中却有数据", table=table.id)


@rule("C03", "空表与说明中的金额", ERROR, tolerance="exact")
def blank_tables_not_quoted(ctx, rule):
    """The narrative quotes no amount other than zero for a table printed blank."""
    for figure in figures(ctx):
        found = resolved(ctx, figure) if figure.amount else None
        if found and found.table.is_blank():
            yield rule.finding(
                f"{heading(figure)}：说明中“{figure.subject}” {figure.printed}万元，{found.table.label}却为空表",
                table=found.table.id, section=figure.section["id"], discriminator=figure.subject)
