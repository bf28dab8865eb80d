"""The rule registry: every rule is a small function with a code, a Chinese title, a severity and
a tolerance, registered with ``@rule(...)``.

A rule reads a ``Context`` and yields ``Draft`` findings; ``compare`` does the arithmetic shared
by most rules: amounts rounded to their coarser printed precision, equal → no finding, a difference
within the rounding tolerance → info (尾差), a larger one → the rule's severity.
"""
import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ERROR, WARNING, INFO = "error", "warning", "info"
ZERO = Decimal("0")
CENT = Decimal("0.01")

REGISTRY = {}
# The families by their codes' letter, in the order their rules run and list (the rule filter, a
# severity's findings): another app's family (P, performance) registers later yet keeps its place.
FAMILY_ORDER = "XTNCDOPLW"
FAMILY_TITLES = {
    "X": _("表间勾稽"),
    "T": _("表内勾稽"),
    "N": _("文字说明与表格"),
    "C": _("完整性"),
    "D": _("文档自身一致"),
    "O": _("部门概况"),
    "P": _("绩效目标"),
    "L": _("数量级（金额单位）"),
    "W": _("比较表述"),
}
TOLERANCE_TITLES = {"rounding": _("允许尾差"), "percent": _("允许百分点误差"), "exact": _("精确相等")}


@dataclass(frozen=True)
class Amt:
    """An amount in the document's unit, with the step of its last printed digit and the rounding
    allowed per term in the unit it was printed in (0.01 万元 is 100 in a 元 document)."""

    value: Decimal
    quantum: Decimal = CENT
    shown: str = ""  # as the message prints it, when not the plain value (e.g. "123.45万元")
    step: Decimal = ZERO

    def __add__(self, other):
        """A zero printed as ``0`` does not make the sum coarser than its other terms."""
        quanta = [a.quantum for a in (self, other) if a.value] or [min(self.quantum, other.quantum)]
        return Amt(self.value + other.value, max(quanta), step=max(self.step, other.step))

    def __str__(self):
        return self.shown or money(self.value, self.quantum)


def total(amounts, quantum=CENT):
    """The sum of ``amounts`` (an empty sum is zero)."""
    result = Amt(ZERO, quantum)
    for amount in amounts:
        result = result + amount
    return result


def money(value, quantum=CENT):
    """``Decimal("12345.67")`` → ``"12,345.67"``, with as many decimals as ``quantum`` has."""
    places = max(0, -quantum.normalize().as_tuple().exponent) if quantum < 1 else 0
    return f"{value:,.{places}f}"


def rounded(value, quantum):
    return (value / quantum).quantize(Decimal(1), ROUND_HALF_UP) * quantum


@dataclass
class Draft:
    """A finding before it is saved: what ``run_checks`` turns into a ``Finding``."""

    rule: "Rule"
    severity: str
    message: str
    expected: Decimal = None
    actual: Decimal = None
    difference: Decimal = None
    lines: tuple = ()
    table: int = None
    project: int = None
    section: int = None
    target: int = None
    indicator: int = None
    discriminator: str = ""

    @property
    def key(self):
        """Stable per rule and records involved, so a rerun recognises the same finding."""
        parts = (self.rule.code, self.table, sorted(self.lines), self.project, self.section, self.target,
                 self.indicator, self.discriminator)
        return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: str
    tolerance: str  # "rounding" (per summed term, by amount unit), "percent" (points), "exact"
    check: callable = field(compare=False)

    def run(self, ctx):
        return list(self.check(ctx, self))

    def finding(self, message, *, severity=None, lines=(), **links):
        return Draft(self, severity or self.severity, message, lines=tuple(line.id for line in lines), **links)

    def allowance(self, ctx, step, terms=1):
        """The difference still reported as rounding (info) rather than at the rule's severity."""
        if self.tolerance == "exact":
            return ZERO
        if self.tolerance == "percent":
            return settings.CHECKS["PERCENT_POINTS"]
        return max(step, settings.CHECKS["ROUNDING_PER_TERM"].get(ctx.unit, CENT)) * max(terms, 1)

    def compare(self, ctx, actual, expected, message, *, terms=1, lines=(), **links):
        """A Draft when ``actual`` ≠ ``expected`` at their common precision, else None.

        ``message`` says what was compared; the difference is appended. ``terms`` is how many
        amounts were summed.
        """
        quantum = max(actual.quantum, expected.quantum)
        diff = rounded(actual.value, quantum) - rounded(expected.value, quantum)
        if diff == 0:
            return None
        rounding = abs(diff) <= self.allowance(ctx, max(actual.step, expected.step), terms)
        text = money(diff, quantum) + ("（尾差）" if rounding else "")
        return Draft(self, INFO if rounding else self.severity, f"{message}，差额 {text}", expected=expected.value,
                     actual=actual.value, difference=diff, lines=tuple(line.id for line in lines), **links)

    def compare_percent(self, ctx, printed, numerator, denominator, message, *, lines=(), **links):
        """A Draft when the percentage ``printed`` (e.g. ``"12.34"``) is not numerator ÷ denominator.

        Both amounts are rounded figures, so the quotient is an interval; a printed value inside it
        (to its own last digit) is right, one just outside within the percent tolerance is info.
        """
        pct, step = Decimal(printed.replace(",", "")), Decimal(1).scaleb(-decimals(printed))
        low_den = denominator.value - denominator.quantum / 2
        if low_den <= 0:
            return None
        low = (abs(numerator.value) - numerator.quantum / 2) / (denominator.value + denominator.quantum / 2) * 100
        high = (abs(numerator.value) + numerator.quantum / 2) / low_den * 100
        if pct + step / 2 >= low and pct - step / 2 <= high:
            return None
        expected = (abs(numerator.value) / denominator.value * 100).quantize(step, ROUND_HALF_UP)
        gap = min(abs(pct - low), abs(pct - high))
        severity = INFO if gap <= settings.CHECKS["PERCENT_POINTS"] else self.severity
        diff = pct - expected
        text = f"{message}：印出 {printed}%，按 {numerator} ÷ {denominator} 计算应为 {expected}%，相差 {diff} 个百分点"
        return Draft(self, severity, text + ("（尾差）" if severity == INFO else ""), expected=expected,
                     actual=pct, difference=diff, lines=tuple(line.id for line in lines), **links)


def counted(actual, expected):
    """A count's finding amounts: what the text states, what was counted, the difference."""
    return {"actual": Decimal(actual), "expected": Decimal(expected), "difference": Decimal(actual - expected)}


def decimals(printed):
    return len(printed.split(".", 1)[1]) if "." in printed else 0


def rule(code, title, severity=ERROR, tolerance="rounding"):
    """Register the decorated ``check(ctx, rule)`` generator under ``code``."""

    def register(check):
        if code in REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        REGISTRY[code] = Rule(code, title, severity, tolerance, check)
        ordered = sorted(REGISTRY.items(), key=lambda item: family_rank(item[0]))
        REGISTRY.clear()
        REGISTRY.update(ordered)
        return check

    return register


def family_rank(code):
    """The place of ``code``'s family in ``FAMILY_ORDER``; an unlisted family runs last."""
    rank = FAMILY_ORDER.find(code[:1])
    return len(FAMILY_ORDER) if rank < 0 else rank


def families():
    """The registered rules grouped by family, in run order: ``[(letter, title, [rule, ...]), ...]``."""
    grouped = {}
    for code, registered in REGISTRY.items():
        grouped.setdefault(code[:1], []).append(registered)
    return [(letter, FAMILY_TITLES.get(letter, letter), rules) for letter, rules in grouped.items()]


def plus(amounts, limit=8):
    """``"1,200.00 + 34.56 = 1,234.56"``-style text of a sum (long sums shortened)."""
    shown = [str(a) for a in amounts]
    if len(shown) > limit:
        shown = shown[: limit - 1] + [f"…（共 {len(shown)} 项）"]
    return " + ".join(shown) or "0"
