"""Body rows → lines: codes, names, units, projects and amounts by column role."""
from . import vocab
from .numbers import join_code, normalize, parse_amount, split_code_name

TEXT_ROLES = {"code", "code_part", "name", "project_name"}


def row_values(table, grid, r):
    """Row ``r``'s cells by group (side or block) and role: {group: {role: [(text, cell)]}}.

    A cell spanning several columns takes the name role if it covers the name column
    (a 合计 label merged across the code columns), else its first column's role.
    """
    groups, seen = {}, set()
    for c, column in enumerate(table.columns):
        cell = grid.matrix[r][c]
        if cell is None or id(cell) in seen or cell.row != r:
            continue
        seen.add(id(cell))
        covered = table.columns[cell.col : cell.col + cell.colspan]
        role = "name" if any(col.role == "name" for col in covered) else column.role
        if role is None:
            continue
        group = column.side or column.block
        groups.setdefault(group, {}).setdefault(role, []).append((cell.text, cell))
    return groups

def read_row(table, grid, r, first_body):
    groups = row_values(table, grid, r)
    if first_body and table.open_row is not None and is_fragment(groups):
        extend_line(table.open_row, groups, grid.page)
        return
    order = {"income": 0, "expense": 1}
    for group in sorted(groups, key=lambda g: order.get(g, g)):
        side = group if group in order else None
        line = make_line(table, groups[group], side, grid)
        if line is not None:
            line["block"] = 0 if side else group
            table.lines.append(line)
            table.open_row = line

def read_transposed_row(table, grid, r):
    """A body row of a table whose items are its columns: one line per item."""
    by_name = {line["name"]: line for line in table.lines}
    for c, column in enumerate(table.columns):
        cell = grid.matrix[r][c]
        if cell is None or cell.col != c or cell.row != r:
            continue
        name, key = transposed_item(column.path)
        if not name:
            continue
        line = by_name.get(name)
        if line is None:
            line = make_line(table, {"name": [(name, cell)]}, None, grid)
            line["block"] = 0
            by_name[name] = line
            table.lines.append(line)
        amount = parse_amount(cell.text)
        if amount is not None and key not in line["amounts"]:
            line["amounts"][key] = amount
            table.taken.add(id(cell))

def transposed_item(path):
    """(item name, column key) of a transposed table's column from its header path."""
    names = list(path)
    key = "total"
    if names and names[-1] in vocab.TRANSPOSED_VALUE_KEYS:
        key = vocab.TRANSPOSED_VALUE_KEYS[names.pop()]
    while names and names[-1] == vocab.TRANSPOSED_SUBTOTAL:
        names.pop()
    if not names:
        return None, key
    return vocab.TRANSPOSED_SUFFIX.sub("", names[-1]), key

def is_fragment(groups):
    """A row holding only the rest of a cell that the page break cut off.

    It has text in one group's name or project cells only, and that text does not open a
    row of its own (an enumerator such as 十四、 or a total label).
    """
    filled = {
        (group, role): "".join(t for t, _ in cells)
        for group, roles in groups.items()
        for role, cells in roles.items()
        if any(normalize(t) for t, _ in cells)
    }
    if not filled or len({group for group, _ in filled}) > 1:
        return False
    if any(role not in ("name", "project_name") for _, role in filled):
        return False
    text = normalize("".join(filled.values()))
    return not vocab.ROW_OPENER.match(text) and not vocab.TOTAL_ROW.match(text)

def extend_line(line, groups, page):
    for g in groups.values():
        for role, cells in g.items():
            text = "".join(t for t, _ in cells)
            field = {"name": "name", "project_name": "project"}.get(role)
            if field and text:
                line[field] = (line[field] or "") + text
    if page not in line["source"]["pages"]:
        line["source"]["pages"].append(page)

def make_line(table, values, side, grid):
    texts = {role: "".join(t for t, _ in cells) for role, cells in values.items()}
    cells = [cell for group in values.values() for _, cell in group]
    code = join_code([t for t, _ in values.get("code_part", [])] + [texts.get("code", "")])
    name = " ".join(texts.get("name", "").split())
    if code is None:
        code, name = split_code_name(name)
    project = " ".join(texts.get("project_name", "").split()) or None
    amounts = {}
    for role, group in values.items():
        if role in TEXT_ROLES:
            continue
        for text, cell in group:
            amount = parse_amount(text)
            if amount is not None and role not in amounts:
                amounts[role] = amount
                table.taken.add(id(cell))
    if not name and not code and not amounts and not project:
        return None
    row_type = "detail"
    unit = None
    if not code and vocab.TOTAL_ROW.match(normalize(name)):
        row_type = "total"
    elif table.kind in vocab.UNIT_GROUPED:
        unit = current_unit(table)
        if not code and not project and is_unit_name(name):
            row_type, unit = "unit", name
        elif table.kind == "carryover" and not code and not project:
            project = name
    bbox = union([c.bbox for c in cells]) if cells else list(grid.bbox)
    return {
        "row_type": row_type,
        "side": side if table.kind in vocab.TWO_SIDED else None,
        "code": code,
        "name": name,
        "unit": unit,
        "project": project,
        "amounts": amounts,
        "source": {"page": grid.page, "pages": [grid.page], "bbox": bbox},
    }

def current_unit(table):
    for line in reversed(table.lines):
        if line["row_type"] == "unit":
            return line["unit"]
        if line["row_type"] == "total":
            return None
    return None

def is_unit_name(name):
    flat = normalize(name)
    return bool(vocab.ORGANISATION_SUFFIX.search(flat)) and not vocab.PROJECT_WORDS.search(flat)

def union(boxes):
    return [
        round(min(b[0] for b in boxes), 2),
        round(min(b[1] for b in boxes), 2),
        round(max(b[2] for b in boxes), 2),
        round(max(b[3] for b in boxes), 2),
    ]
