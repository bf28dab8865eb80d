"""One disclosure's records, loaded once into plain in-memory structures for the rules.

Amounts are ``Amt`` in the document's unit: a table printed in 万元 inside a 元 document is
scaled, and each amount keeps the step of its last printed digit.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from disclosures.columns import column_label
from disclosures.models import (
    BudgetLine,
    BudgetTable,
    BudgetUnit,
    LineAmount,
    OtherMatter,
    Project,
    Section,
    Staffing,
)
from disclosures.parsing.numbers import normalize
from disclosures.parts import parts

from .registry import ZERO, Amt, money


def quantum_of(printed):
    """The step of the last printed digit: ``"1,234.56"`` → 0.01, ``"123456789"`` → 1."""
    decimals = len(printed.split(".", 1)[1]) if "." in printed else 0
    return Decimal(1).scaleb(-decimals)


def name_key(text):
    """A name for matching across tables and text: NFKC, no whitespace, no enumeration."""
    return re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.．、]|其中[:：])", "", normalize(text))


@dataclass(eq=False)
class Line:
    id: int
    table: "Table"
    row_type: str
    side: str
    code: str
    level: int
    name: str
    unit: str
    project: str
    cells: dict = field(default_factory=dict)  # column → Amt

    def amt(self, column):
        """The amount in ``column``; a blank cell is zero."""
        return self.cells.get(column) or self.table.zero

    def has(self, column):
        return column in self.cells

    @property
    def main(self):
        """The column of the row's own amount: 合计, or 预算数 / 决算数 in one-column tables."""
        return "total" if "total" in self.cells else "amount"

    @property
    def is_total(self):
        return self.row_type == "total"

    @property
    def label(self):
        text = f"{self.code} {self.name}".strip()
        return f"{self.unit}／{text}" if self.unit and self.row_type != "unit" else text

    @property
    def key(self):
        return name_key(self.name)


@dataclass(eq=False)
class Table:
    id: int
    kind: str
    number: int
    title: str
    unit: str
    empty_note: str
    lines: list = field(default_factory=list)
    quantum: Decimal = Decimal("0.01")

    @property
    def label(self):
        return f"表{self.number} {self.title}"

    @property
    def zero(self):
        return Amt(ZERO, self.quantum)

    @property
    def columns(self):
        return {column for line in self.lines for column in line.cells}

    @property
    def main_column(self):
        return "total" if "total" in self.columns else "amount"

    def side(self, side=None):
        return [line for line in self.lines if side is None or line.side == side]

    def totals(self, side=None):
        return [line for line in self.side(side) if line.is_total]

    def coded(self, level=None):
        return [line for line in self.lines if line.code and (level is None or line.level == level)]

    def grand_total(self, column=None):
        """The table's bottom line in ``column``: its total row (the sum of its total rows when it
        prints several, as a 人员经费合计 and a 公用经费合计), else its 类 rows' sum."""
        column = column or self.main_column
        totals = self.totals()
        if len(totals) > 1:
            return sum((t.amt(column) for t in totals), self.zero), totals
        if totals:
            return totals[-1].amt(column), totals[-1:]
        classes = self.coded(1)
        return sum((c.amt(column) for c in classes), self.zero), classes

    def is_blank(self):
        return not any(line.cells for line in self.lines)


class Context:
    """Everything the rules read about one disclosure; about ten queries, no more.

    Each registered part adds what its rules read (``Part.load``).
    """

    def __init__(self, disclosure):
        self.disclosure = disclosure
        self.department = disclosure.department.name
        self.year = disclosure.fiscal_year
        self.kind = disclosure.kind
        self.unit = disclosure.amount_unit or "万元"
        self.memo = {}
        self.tables = self._tables()
        self.by_kind = {}
        for table in self.tables:
            self.by_kind.setdefault(table.kind, table)
        self.projects = list(Project.objects.filter(disclosure=disclosure).order_by("order").values(
            "id", "name", "amount_printed", "basis", "allocation"))
        for project in self.projects:
            project["amt"] = self.wan(project["amount_printed"]) if project["amount_printed"] else None
        self.sections = list(Section.objects.filter(disclosure=disclosure).order_by("order").values(
            "id", "heading", "text"))
        self.units = list(BudgetUnit.objects.filter(disclosure=disclosure).order_by("order").values(
            "id", "name", "kind"))
        self.staffing = Staffing.objects.filter(disclosure=disclosure).values().first() or {}
        self.other = {(o["group"], o["key"]): o for o in OtherMatter.objects.filter(
            disclosure=disclosure).values("group", "key", "printed")}
        for part in parts():
            part.load(self)

    def table(self, kind):
        return self.by_kind.get(kind)

    def column(self, key):
        """The printed header of column ``key`` (决算数 for ``amount`` in final accounts)."""
        return str(column_label(key, self.kind))

    def scale_of(self, unit):
        """How many of the document's units one ``unit`` is worth."""
        factors = settings.CHECKS["UNIT_FACTORS"]
        return factors.get(unit or self.unit, Decimal(1)) / factors.get(self.unit, Decimal(1))

    def amount(self, printed, unit=None):
        """A printed amount in ``unit`` (default: the document's) as an Amt in the document's unit."""
        printed = printed.replace(",", "")
        scale = self.scale_of(unit)
        shown = f"{money(Decimal(printed), quantum_of(printed))}{unit}" if unit and scale != 1 else ""
        step = settings.CHECKS["ROUNDING_PER_TERM"].get(unit or self.unit, Decimal("0.01")) * scale
        return Amt(Decimal(printed) * scale, quantum_of(printed) * scale, shown, step)

    def wan(self, printed):
        """An amount quoted in 万元 (the narrative's unit)."""
        return self.amount(printed, "万元")

    def other_amt(self, group, key=""):
        """An 其他重要事项 figure (quoted in 万元), or None when not printed."""
        row = self.other.get((group, key))
        if not row or not row["printed"]:
            return None
        return self.wan(row["printed"])

    def _tables(self):
        tables = {}
        for t in BudgetTable.objects.filter(disclosure=self.disclosure).order_by("order").values(
                "id", "kind", "number", "title", "amount_unit", "empty_note"):
            unit = t["amount_unit"] or self.unit
            tables[t["id"]] = Table(t["id"], t["kind"], t["number"], t["title"], unit, t["empty_note"])
        lines = {}
        for v in BudgetLine.objects.filter(disclosure=self.disclosure).order_by("table__order", "order").values(
                "id", "table_id", "row_type", "side", "code", "code_level", "name", "unit_name", "project"):
            table = tables[v["table_id"]]
            line = Line(v["id"], table, v["row_type"], v["side"], v["code"], v["code_level"], v["name"],
                        v["unit_name"], v["project"])
            table.lines.append(line)
            lines[line.id] = line
        for v in LineAmount.objects.filter(line__disclosure=self.disclosure).values("line_id", "column",
                                                                                    "printed"):
            line = lines[v["line_id"]]
            line.cells[v["column"]] = self.amount(v["printed"], line.table.unit)
        for table in tables.values():
            quanta = [a.quantum for line in table.lines for a in line.cells.values() if a.value]
            table.quantum = max(quanta, default=Decimal("0.01") * self.scale_of(table.unit))
        return list(tables.values())

    def texts(self):
        """(text, links) of every free text: sections, projects, then each part's."""
        for s in self.sections:
            yield s["heading"] + "\n" + s["text"], {"section": s["id"]}
        for p in self.projects:
            yield "\n".join((p["name"], p["basis"], p["allocation"])), {"project": p["id"]}
        for part in parts():
            yield from part.texts(self)
