"""Records against the parsed original: which cells a clerk changed, and what was printed.

``Disclosure.parsed`` is never edited, and lines and tables keep the index they had in it
(``BudgetTable.order``, ``BudgetLine.order``), so the original of any cell is one lookup away.
"""
from .models import LineAmount


def parsed_lines(table):
    """The table's lines as parsed: disclosure-v1 line dicts, in ``BudgetLine.order``."""
    return table.disclosure.parsed["tables"][table.order]["lines"]


def original_amounts(line):
    """{column: printed} of the line as parsed."""
    return parsed_lines(line.table)[line.order]["amounts"]


def changed_cells(table):
    """{(line id, column): original printed, or None where the cell was blank} for every edited cell."""
    originals = parsed_lines(table)
    cells = {line_id: (originals[order]["amounts"], {})
             for line_id, order in table.lines.values_list("id", "order")}
    for line_id, column, printed in LineAmount.objects.filter(line__table=table).values_list(
        "line_id", "column", "printed"
    ):
        cells[line_id][1][column] = printed
    return {
        (line_id, column): before.get(column)
        for line_id, (before, after) in cells.items()
        for column in before.keys() | after.keys()
        if before.get(column) != after.get(column)
    }

