"""A grid's header rows: how many there are, and which schema key each column holds."""
from dataclasses import dataclass

from . import vocab
from .numbers import CODE_RE, normalize, parse_amount, split_code_name


@dataclass
class Column:
    role: str  # a column key of the schema, or code / code_part / name / project_name
    side: str = None  # income / expense in two-sided tables
    block: int = 0  # side-by-side blocks of the same columns, left to right
    path: tuple = ()  # the header cells above the column, top to bottom

def is_number_row(texts):
    """The ``※ ※ 1 2 3`` row under a header that numbers the columns."""
    cells = [normalize(t) for t in texts if normalize(t)]
    if not cells:
        return False
    return all(c in ("※", "*") or (c.isdigit() and len(c) <= 2) for c in cells)

def is_body_row(texts):
    for text in texts:
        flat = normalize(text)
        if not flat:
            continue
        if parse_amount(flat) is not None and not (flat.isdigit() and len(flat) <= 2):
            return True
        if CODE_RE.match(flat):
            return True
        if split_code_name(text)[0]:
            return True
    return False

def is_label_row(texts):
    """A row printing the 类/款/项 labels of the code columns."""
    return any(column_role([normalize(t)]) == "code_part" for t in texts if normalize(t))

def header_size(grid):
    """How many leading rows of ``grid`` are header (column labels and the ※ row)."""
    for r in range(grid.n_rows):
        texts = grid.texts(r)
        if is_number_row(texts):
            return r + 1
        if is_body_row(texts):
            return r
    return grid.n_rows

def map_columns(grid, n_header):
    """Each column slot's role, side and block from the header cells above it."""
    columns = []
    for c in range(grid.n_cols):
        path, seen = [], set()
        for r in range(n_header):
            cell = grid.matrix[r][c]
            if cell is None or id(cell) in seen or is_number_row([cell.text]):
                continue
            seen.add(id(cell))
            if normalize(cell.text):
                path.append(normalize(cell.text))
        columns.append(Column(column_role(path), column_side(path), path=tuple(path)))
    block, named = 0, False
    for column in columns:
        if column.role in ("code", "code_part") and named:
            block, named = block + 1, False
        named = named or column.role == "name"
        column.block = block
    return columns

def column_role(path):
    if not path:
        return None
    leaf, ancestors = path[-1], "/".join(path[:-1])
    for leaf_re, up_re, role in vocab.HEADER_RULES:
        if leaf_re.search(leaf) and (up_re is None or up_re.search(ancestors)):
            return role
    return None

def column_side(path):
    if not path:
        return None
    for side, pattern in vocab.SIDE_HEADERS:
        if pattern.search(path[0]):
            return side
    return None

def fill_sides(columns):
    """Give a two-sided table's columns without a 收入 / 支出 banner the side they sit on.

    The income half runs from the first row-label column up to the second, the expense half
    from there on (a header row "项目 | 合计 | 项目 | 合计 | 一般公共预算 …").
    """
    names = [i for i, column in enumerate(columns) if column.role == "name"]
    if len(names) < 2:
        return
    for i, column in enumerate(columns):
        if column.side is None:
            column.side = "income" if i < names[1] else "expense"
