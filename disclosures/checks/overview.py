"""The overview (部门概况) against itself: stated counts of units and offices, staffing sums."""

from disclosures.parsing.vocab.checks import KIND_COUNT, KIND_WORDS, OFFICE_COUNT, SUBORDINATE_COUNT

from .registry import ERROR, counted, rule


def statements(ctx, pattern):
    for section in ctx.sections:
        for m in pattern.finditer(section["text"]):
            yield section, m


@rule("O01", "预算单位个数", ERROR, tolerance="exact")
def unit_count(ctx, rule):
    """下属 N 家预算单位 and 行政单位 a 家，事业单位 b 家 match the units listed."""
    units = ctx.units
    if not units:
        return
    for section, m in statements(ctx, SUBORDINATE_COUNT):
        if int(m.group("n")) != len(units) - 1:
            yield rule.finding(f"{section['heading'].strip()}：说“下属 {m.group('n')} 家预算单位”，列出的下属单位却有 "
                               f"{len(units) - 1} 家（{'、'.join(u['name'] for u in units[1:])}）",
                               section=section["id"], discriminator=m.group(),
                               **counted(int(m.group("n")), len(units) - 1))
    for section in ctx.sections:
        counts = [(m.group("kind"), int(m.group("n"))) for m in KIND_COUNT.finditer(section["text"])]
        if not counts:
            continue
        if sum(n for _, n in counts) != len(units):
            yield rule.finding(f"{section['heading'].strip()}：按单位性质共 {sum(n for _, n in counts)} 家"
                               f"（{'，'.join(f'{k} {n} 家' for k, n in counts)}），列出的预算单位却有 {len(units)} 家",
                               section=section["id"], discriminator="kinds",
                               **counted(sum(n for _, n in counts), len(units)))
        elif all(u["kind"] for u in units) and len(counts) == len({k for k, _ in counts} & set(KIND_WORDS)):
            for kind, n in counts:
                listed = sum(u["kind"] == KIND_WORDS[kind] for u in units)
                if listed != n:
                    yield rule.finding(f"{section['heading'].strip()}：说{kind} {n} 家，列出的却有 {listed} 家",
                                       section=section["id"], discriminator=kind, **counted(n, listed))


@rule("O02", "内设机构个数", ERROR, tolerance="exact")
def office_count(ctx, rule):
    """下设 N 个处室 matches the offices named."""
    offices = ctx.disclosure.offices or []
    if not offices:
        return
    for section, m in statements(ctx, OFFICE_COUNT):
        if int(m.group("n")) != len(offices):
            yield rule.finding(f"{section['heading'].strip()}：说“{m.group()}”，列出的却有 {len(offices)} 个",
                               section=section["id"], discriminator=m.group(),
                               **counted(int(m.group("n")), len(offices)))


@rule("O03", "人员数之和", ERROR, tolerance="exact")
def staffing(ctx, rule):
    """实有人数 = 在职 + 退休 + 离休."""
    s = ctx.staffing
    parts = [s.get(k) for k in ("active", "retired", "separated")]
    if s.get("actual") is None or any(p is None for p in parts):
        return
    if sum(parts) != s["actual"]:
        yield rule.finding(f"实有人数 {s['actual']} 人 ≠ 在职 {parts[0]} + 退休 {parts[1]} + 离休 {parts[2]} = "
                           f"{sum(parts)} 人", **counted(s["actual"], sum(parts)))
