"""A disclosure-v1 dict checked against the records before anything is saved.

``validate(data)`` raises ``InvalidDisclosure`` naming the first value the database could not keep:
an amount with more digits than its column holds, a number that is not finite, a page or a staffing
figure out of its integer range, an impossible date, a string too long for its field or carrying a
NUL character, a budget unit named twice. The limits are read from the model fields.
"""
import math
import re
from datetime import date
from decimal import Decimal

from django.db.backends.base.operations import BaseDatabaseOperations

from .models import (
    BudgetLine,
    BudgetTable,
    BudgetUnit,
    Department,
    Disclosure,
    LineAmount,
    OtherMatter,
    Project,
    Section,
    Sourced,
    Staffing,
)
from .parsing import ParseError
from .parts import parts

FISCAL_YEARS = range(1990, 2101)  # as disclosure-v1.schema.json
MAX_DEPTH = 32  # nesting of objects and lists; disclosure-v1 itself needs 7
AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")
SHOWN = 24  # characters of an offending value quoted in a message


class InvalidDisclosure(ParseError):
    code = "invalid"
    default_message = "文件内容超出可保存的范围"


def validate(data):
    """Raise ``InvalidDisclosure`` unless every value of ``data`` fits the records it will be saved to."""
    check_document(data["document"])
    check_overview(data["overview"])
    count(data["tables"], BudgetTable, "预算表")
    for table in data["tables"]:
        check_table(table)
    count(data.get("projects") or [], Project, "项目")
    for i, project in enumerate(data.get("projects") or [], start=1):
        check_project(project, f"项目 {i}")
    for part in parts():
        part.validate(data.get(part.key) or [])
    check_other_matters(data.get("other_matters") or {})
    count(data.get("sections") or [], Section, "说明章节")
    for i, section in enumerate(data.get("sections") or [], start=1):
        where = f"说明第 {i} 节"
        text(section["heading"], Section, "heading", where, limit=False)  # ingest shortens a long heading
        text(section.get("text"), Section, "text", where)
        pages(section.get("pages"), where)
    for path, value in leaves(data):
        if isinstance(value, str) and "\x00" in value:
            fail(f"数据 {path} 含有不可见的控制字符（NUL）")
        if isinstance(value, float) and not math.isfinite(value):
            fail(f"数据 {path} 不是有限数")


def check_document(doc):
    text(doc["department"], Department, "name", "")
    text(doc["kind"], Disclosure, "kind", "")
    text(doc["amount_unit"], Disclosure, "amount_unit", "")
    year = doc["fiscal_year"]
    integer(year, Disclosure, "fiscal_year", "")
    if year not in FISCAL_YEARS:
        fail(f"年度 {year} 不在 {FISCAL_YEARS[0]}–{FISCAL_YEARS[-1]} 之间")
    real_date(doc.get("published_on"), Disclosure, "published_on", "")


def check_overview(overview):
    text(overview.get("functions"), Disclosure, "functions", "")
    units = overview.get("units") or []
    count(units, BudgetUnit, "预算单位")
    seen = set()
    for i, unit in enumerate(units, start=1):
        text(unit["name"], BudgetUnit, "name", f"预算单位 {i}")
        text(unit.get("kind"), BudgetUnit, "kind", f"预算单位 {i}")
        if unit["name"] in seen:
            fail(f"单位名称重复：{shown(unit['name'])}")
        seen.add(unit["name"])
    for key, value in (overview.get("staffing") or {}).items():
        if key in Staffing.FIELDS:
            integer(value, Staffing, key, "人员情况")


def check_table(table):
    where = f"表{shown(table['number'])}"
    integer(table["number"], BudgetTable, "number", where)
    for name in ("kind", "title", "amount_unit", "empty_note"):
        text(table.get(name), BudgetTable, name, where)
    pages(table.get("pages"), where)
    count(table["lines"], BudgetLine, f"{where} 的行")
    for i, line in enumerate(table["lines"], start=1):
        row = f"{where} 第{i}行"
        for key, name in (("row_type", "row_type"), ("side", "side"), ("code", "code"), ("name", "name"),
                          ("unit", "unit_name"), ("project", "project")):
            text(line.get(key), BudgetLine, name, row)
        source(line.get("source"), BudgetLine, row)
        for column, printed in line["amounts"].items():
            text(column, LineAmount, "column", row)
            money(printed, LineAmount, row)


def check_project(project, where):
    for key, name in (("name", "name"), ("unit", "unit_name"), ("basis", "basis"), ("allocation", "allocation")):
        text(project.get(key), Project, name, where)
    if project.get("amount"):
        text(project["amount"], Project, "amount_printed", where)
        amount(project["amount"], Project, "amount", where)
    for name in ("period_start", "period_end"):
        real_date(project.get(name), Project, name, where)
    source(project.get("source"), Project, where)


def check_other_matters(other):
    for group, value in other.items():
        items = value.items() if isinstance(value, dict) else [("", value)]
        for key, printed in items:
            where = f"其他重要事项 {shown(group)}{' ' + shown(key) if key else ''}"
            text(group, OtherMatter, "group", where)
            text(key, OtherMatter, "key", where)
            if printed is not None:
                money(printed if isinstance(printed, str) else str_of(printed), OtherMatter, where)


def fail(message):
    raise InvalidDisclosure(message)


def label(model, name, where):
    return f"{where} {model._meta.get_field(name).verbose_name}".strip()


def shown(value):
    """``value`` as a message quotes it: at most ``SHOWN`` characters."""
    value = str_of(value).replace("\x00", "\\x00")
    return value if len(value) <= SHOWN else value[:SHOWN] + "…"


def str_of(value):
    if isinstance(value, int) and value.bit_length() > 10_000:  # str() refuses ints of over 4,300 digits
        return "（超长整数）"
    return str(value)


def text(value, model, name, where, limit=True):
    """A string for ``model.name``: text, without NUL, within the field's max_length."""
    if value is None:
        return
    place = label(model, name, where)
    if not isinstance(value, str):
        fail(f"{place}“{shown(value)}”不是文字")
    if "\x00" in value:
        fail(f"{place}含有不可见的控制字符（NUL）")
    max_length = model._meta.get_field(name).max_length
    if limit and max_length and len(value) > max_length:
        fail(f"{place}“{shown(value)}”超过 {max_length} 字（共 {len(value)} 字）")


def money(printed, model, where):
    """A printed amount for ``model``'s ``printed`` string and ``amount`` decimal."""
    text(printed, model, "printed", where)
    amount(printed, model, "amount", where)


def amount(printed, model, name, where):
    """A printed amount (``"-12.50"``) that the DecimalField ``model.name`` keeps exactly."""
    if printed is None:
        return
    place = label(model, name, where)
    if not isinstance(printed, str) or not AMOUNT.fullmatch(printed):
        fail(f"{place}“{shown(printed)}”不是金额")
    fits(Decimal(printed), model._meta.get_field(name), f"{place}“{shown(printed)}”")


def number(value, model, name, where):
    """A JSON number for the DecimalField ``model.name``: finite and within its digits."""
    if value is None:
        return
    place = label(model, name, where)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{place}“{shown(value)}”不是数字")
    if isinstance(value, float) and not math.isfinite(value):
        fail(f"{place}不是有限数")
    fits(Decimal(str_of(value)), model._meta.get_field(name), f"{place} {shown(value)}")


def fits(value, field, place):
    _, digits, exponent = value.as_tuple()
    whole, places = max(len(digits) + exponent, 0), max(-exponent, 0)
    if whole > field.max_digits - field.decimal_places or places > field.decimal_places:
        fail(f"{place}：超出可保存的位数（整数最多 {field.max_digits - field.decimal_places} 位，"
             f"小数最多 {field.decimal_places} 位）")


def integer(value, model, name, where):
    """An integer within the database range of the integer field ``model.name``."""
    if value is None:
        return
    place = label(model, name, where)
    if isinstance(value, bool) or not isinstance(value, int):
        fail(f"{place}“{shown(value)}”不是整数")
    low, high = BaseDatabaseOperations.integer_field_ranges[model._meta.get_field(name).get_internal_type()]
    if not low <= value <= high:
        fail(f"{place} {shown(value)} 超出可保存的范围（{low}–{high}）")


def count(items, model, what):
    """No more ``items`` than the ``order`` field of ``model`` can number."""
    high = BaseDatabaseOperations.integer_field_ranges[model._meta.get_field("order").get_internal_type()][1]
    if len(items) > high + 1:
        fail(f"{what}共 {len(items)} 个，超过可保存的 {high + 1} 个")


def pages(values, where):
    for value in values or []:
        integer(value, Sourced, "source_page", where)


def source(value, model, where):
    """A ``source``: a page within the page field's range and a box of four finite numbers."""
    if not value:
        return
    integer(value.get("page"), model, "source_page", where)
    box = value.get("bbox")
    if box is not None and not (isinstance(box, list) and len(box) == 4 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in box)):
        fail(f"{where} 位置（bbox）应为 4 个有限数")


def real_date(value, model, name, where):
    if not value:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        fail(f"{label(model, name, where)}“{shown(value)}”不是有效日期")


def leaves(data):
    """(path, value) of every string, number and key in ``data``; refuses nesting past ``MAX_DEPTH``."""
    stack = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                fail(f"数据嵌套超过 {MAX_DEPTH} 层（{shown(path)}）")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(value, dict):
                    yield f"{path}/{shown(key)}", key
                stack.append((item, f"{path}/{shown(key)}", depth + 1))
        else:
            yield path or "/", value
