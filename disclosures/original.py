"""Records against the parsed original: which cells a clerk changed, and what was printed.

``Disclosure.parsed`` is never edited, and lines and tables keep the index they had in it
(``BudgetTable.order``, ``BudgetLine.order``), so the original of any cell is one lookup away.
"""
from django.db.models import prefetch_related_objects


def parsed_lines(table):
    """The table's lines as parsed: disclosure-v1 line dicts, in ``BudgetLine.order``."""
    return table.disclosure.parsed["tables"][table.order]["lines"]


def changed_cells(table):
    """{(line id, column): original printed, or None where the cell was blank} for every edited cell.

    Reads the table's lines and amounts through the prefetch cache when the caller already
    loaded them (the disclosure page does), else loads them in two queries.
    """
    originals = parsed_lines(table)
    prefetch_related_objects([table], "lines__amounts")
    changed = {}
    for line in table.lines.all():
        before = originals[line.order]["amounts"]
        after = {amount.column: amount.printed for amount in line.amounts.all()}
        for column in before.keys() | after.keys():
            if before.get(column) != after.get(column):
                changed[(line.pk, column)] = before.get(column)
    return changed
