"""The parser checks its own tables, so that nothing it reads wrongly passes in silence.

After the tables are assembled (:func:`tables.parse_tables`), each is checked against what the
printed page itself implies, and every doubt becomes a warning naming the table and the page:

- a line name that reads as an amount (a grid laid on another table's columns);
- a total (总计 / 合计) that differs from the sum of its rows beyond rounding, per column: the
  rows are the budget units of a unit-grouped table, else the top-level codes; a code with
  sub-codes against the sum of those (款 = Σ 项, 类 = Σ 款); a shortfall hints at a lost page;
- a table ending on a 类 / 款 with nothing under it, or on a unit's subtotal row (cut short);
- an amount in a body cell that no line took: a column without a header, a second amount for
  one key, or a ruled grid of amounts between the tables that no table claimed.

Whether the printed document adds up is the checks' business (``disclosures.checks``); here a
mismatch means the parse may be incomplete, so the wording says what may be missing.
"""
from collections import defaultdict
from decimal import Decimal

from .headers import is_number_row
from .numbers import code_level, normalize, parse_amount
from .rows import TEXT_ROLES
from .vocab import TWO_SIDED, UNIT_GROUPED


def verify_tables(found, pages, claimed, warnings):
    """Append a warning to ``warnings`` for every doubt about the assembled ``found`` tables.

    ``claimed`` holds the ids of the page grids some table read."""
    for table in found:
        label = f"表{table.number}"
        amount_names(table, label, warnings)
        totals(table, label, warnings)
        parents(table, label, warnings)
        cut_short(table, label, warnings)
        untaken(table, label, warnings)
    unclaimed(found, pages, claimed, warnings)


def page_of(line):
    return line["source"]["pages"][0]


def amount_names(table, label, warnings):
    """Lines named by an amount (not a short number such as a year), reported once a page."""
    by_page = defaultdict(list)
    for line in table.lines:
        name = normalize(line["name"])
        if parse_amount(name) is not None and not line["code"] and not (name.isdigit() and len(name) <= 4):
            by_page[page_of(line)].append(line["name"])
    for page, names in by_page.items():
        warnings.append(f"{label}（第 {page} 页）：{len(names)} 行的行名是金额（如「{names[0]}」），"
                        "该页的表格可能被误当作本表的续页")


def blocks(table):
    """The table's lines by side-by-side block (and side), in printed order."""
    out = defaultdict(list)
    for line in table.lines:
        out[(line.get("block"), line["side"])].append(line)
    return out.values()


def totals(table, label, warnings):
    """Each total row against the sum of the rows it totals (two-sided summaries excluded)."""
    if table.kind in TWO_SIDED:
        return
    for lines in blocks(table):
        parts = [line for line in lines if line["row_type"] == "unit"]
        if not parts or table.kind not in UNIT_GROUPED:
            parts = top_level(lines)
        if not parts:
            continue
        for line in lines:
            if line["row_type"] == "total":
                compare(table, label, line, parts, "各行之和", warnings)
        for unit in (line for line in lines if line["row_type"] == "unit" and table.kind in UNIT_GROUPED):
            members = [line for line in lines if line["unit"] == unit["unit"] and line["row_type"] == "detail"]
            if members:
                compare(table, label, unit, top_level(members) or members, "本单位各行之和", warnings)


def top_level(lines):
    """The coded lines of the highest level printed (类 when there are 类)."""
    coded = [line for line in lines if line["row_type"] == "detail" and code_level(line["code"])]
    if not coded:
        return []
    level = min(code_level(line["code"]) for line in coded)
    return [line for line in coded if code_level(line["code"]) == level]


def parents(table, label, warnings):
    """A code's amounts against the sum of its sub-codes printed right below it (款 = Σ 项)."""
    if table.kind in TWO_SIDED:
        return
    for lines in blocks(table):
        for i, line in enumerate(lines):
            level = code_level(line["code"])
            if line["row_type"] != "detail" or level is None or level == 3:
                continue
            children = []
            for below in lines[i + 1:]:
                if below["row_type"] != "detail" or not (below["code"] or "").startswith(line["code"]):
                    break
                if code_level(below["code"]) == level + 1 and below["unit"] == line["unit"]:
                    children.append(below)
            if children:
                compare(table, label, line, children, "下级科目之和", warnings)


def cut_short(table, label, warnings):
    """A table whose last line opens a group with nothing under it: a 类 or 款 where other
    codes have sub-codes, or a budget unit's subtotal row; its continuation may be missing."""
    if table.kind in TWO_SIDED:
        return
    for lines in blocks(table):
        last = lines[-1]
        level = code_level(last["code"]) if last["row_type"] == "detail" else None
        deeper = level is not None and any((code_level(line["code"]) or 0) > level for line in lines)
        if deeper or (last["row_type"] == "unit" and table.kind in UNIT_GROUPED):
            warnings.append(f"{label}（第 {page_of(last)} 页）：最后一行「{last['name']}」之下没有内容，"
                            "可能缺少续页")


def compare(table, label, line, parts, what, warnings):
    """Warn once for ``line`` when a column's amount differs from the sum over ``parts``."""
    for key, printed in line["amounts"].items():
        values = [part["amounts"][key] for part in parts if key in part["amounts"]]
        if not values:
            continue
        total = sum(Decimal(v) for v in values)
        places = max(decimals(v) for v in [printed, *values])
        tolerance = Decimal(len(values) + 1) / 2 * Decimal(10) ** -places
        if abs(total - Decimal(printed)) > tolerance:
            hint = "，可能缺少续页" if total < Decimal(printed) else ""
            warnings.append(f"{label}（第 {page_of(line)} 页）：{line['name'] or line['code']}"
                            f"「{table.header_name(key)}」{shown(printed)} 与{what} {shown(str(total))} "
                            f"不符{hint}")
            return


def decimals(value):
    return len(value.partition(".")[2])


def shown(value):
    whole, dot, fraction = value.lstrip("-").partition(".")
    return f"{'-' if value.startswith('-') else ''}{int(whole):,}{dot}{fraction}"


def untaken(table, label, warnings):
    """Amounts in the table's body cells that no line took."""
    for grid, first_body in table.grids:
        for r in range(first_body, grid.n_rows):
            if is_number_row(grid.texts(r)):
                continue
            for c, cell in enumerate(grid.matrix[r]):
                if cell is None or cell.col != c or cell.row != r or id(cell) in table.taken:
                    continue
                role = table.columns[c].role
                if role in TEXT_ROLES or (role is not None and table.transposed):
                    continue
                amount = parse_amount(cell.text)
                if amount is None:
                    continue
                where = "所在列没有表头" if role is None else "没有读入任何行"
                warnings.append(f"{label}（第 {grid.page} 页）：第 {r + 1} 行的金额 {normalize(cell.text)} "
                                f"{where}")


def unclaimed(found, pages, claimed, warnings):
    """Grids of amounts on the pages the tables span that no table read (a title not recognised)."""
    if not found:
        return
    first = min(min(t.pages) for t in found)
    last = max(max(t.pages) for t in found)
    for page in pages:
        if not first <= page.number <= last:
            continue
        for grid in page.grids:
            if id(grid) in claimed:
                continue
            amounts = [cell.text for r in range(grid.n_rows) for cell in grid.row_cells(r)
                       if cell.row == r and is_printed_amount(cell.text)]
            if amounts:
                warnings.append(f"第 {page.number} 页：表格中有 {len(amounts)} 个金额不属于任何已识别的表"
                                f"（如 {normalize(amounts[0])}），可能漏识别了表名")


def is_printed_amount(text):
    """An amount as tables print it: with decimals or thousands separators (not a code or a count)."""
    flat = normalize(text)
    return parse_amount(flat) is not None and ("." in flat or "," in flat)
