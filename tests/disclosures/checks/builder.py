"""A small, consistent disclosure-v1 dict (budget, 万元) that every rule passes, and helpers to
break it one figure at a time. Built here, not copied from any answer key."""
import copy
import uuid

from disclosures.ingest import ingest
from disclosures.models import Finding

DEPARTMENT = "测试局"


def line(name, code=None, row_type="detail", side=None, unit=None, project_name=None, **amounts):
    return {"row_type": row_type, "side": side, "code": code, "name": name, "unit": unit, "project": project_name,
            "amounts": {k: v for k, v in amounts.items() if v is not None}}


def table(kind, number, title, lines, empty_note=None):
    return {"kind": kind, "number": number, "title": title, "pages": [number], "amount_unit": "万元",
            "empty_note": empty_note, "lines": lines}


def summary_lines():
    return [
        line("一、本年收入", side="income", amount="115.00"),
        line("一般公共服务支出", "201", side="expense", amount="125.00"),
        line("1.一般公共预算拨款", side="income", amount="110.00"),
        line("社会保障和就业支出", "208", side="expense", amount="10.00"),
        line("2.单位资金", side="income", amount="5.00"),
        line("二、上年结转结余", side="income", amount="20.00"),
        line("1.财政拨款结转", side="income", amount="20.00"),
        line("收入总计", row_type="total", side="income", amount="135.00"),
        line("支出总计", row_type="total", side="expense", amount="135.00"),
    ]


def coded(kind_amounts):
    """The five functional rows with the amounts given per code."""
    names = {"201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务", "2010301": "行政运行",
             "2010302": "一般行政管理事务", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
             "2080505": "机关事业单位基本养老保险缴费支出"}
    return [line(names[code], code, **amounts) for code, amounts in kind_amounts]


INCOME = [
    ("201", dict(total="125.00", fiscal_subtotal="100.00", general_budget="100.00", unit_funds="5.00",
                 fiscal_carryover="20.00")),
    ("20103", dict(total="125.00", fiscal_subtotal="100.00", general_budget="100.00", unit_funds="5.00",
                   fiscal_carryover="20.00")),
    ("2010301", dict(total="65.00", fiscal_subtotal="60.00", general_budget="60.00", unit_funds="5.00")),
    ("2010302", dict(total="60.00", fiscal_subtotal="40.00", general_budget="40.00", fiscal_carryover="20.00")),
    ("208", dict(total="10.00", fiscal_subtotal="10.00", general_budget="10.00")),
    ("20805", dict(total="10.00", fiscal_subtotal="10.00", general_budget="10.00")),
    ("2080505", dict(total="10.00", fiscal_subtotal="10.00", general_budget="10.00")),
]
EXPENSE = [
    ("201", dict(total="125.00", basic="65.00", project="60.00")),
    ("20103", dict(total="125.00", basic="65.00", project="60.00")),
    ("2010301", dict(total="65.00", basic="65.00")),
    ("2010302", dict(total="60.00", project="60.00")),
    ("208", dict(total="10.00", basic="10.00")),
    ("20805", dict(total="10.00", basic="10.00")),
    ("2080505", dict(total="10.00", basic="10.00")),
]
GENERAL = [
    ("201", dict(total="100.00", basic="60.00", project="40.00")),
    ("20103", dict(total="100.00", basic="60.00", project="40.00")),
    ("2010301", dict(total="60.00", basic="60.00")),
    ("2010302", dict(total="40.00", project="40.00")),
    ("208", dict(total="10.00", basic="10.00")),
    ("20805", dict(total="10.00", basic="10.00")),
    ("2080505", dict(total="10.00", basic="10.00")),
]


def tables():
    u = DEPARTMENT
    return [
        table("income_expense_summary", 1, "部门收支总体情况表", summary_lines()),
        table("income_summary", 2, "部门收入总体情况表", [
            line("总计", row_type="total", total="135.00", fiscal_subtotal="110.00", general_budget="110.00",
                 unit_funds="5.00", fiscal_carryover="20.00"), *coded(INCOME)]),
        table("expense_summary", 3, "部门支出总体情况表", [
            line("总计", row_type="total", total="135.00", basic="75.00", project="60.00"), *coded(EXPENSE)]),
        table("fiscal_summary", 4, "财政拨款收支预算总体情况表", [
            line("一、财政拨款（补助）", side="income", total="110.00"),
            line("一般公共服务支出", "201", side="expense", total="100.00", general_budget="100.00"),
            line("一般公共预算", side="income", total="110.00"),
            line("社会保障和就业支出", "208", side="expense", total="10.00", general_budget="10.00"),
            line("收入总计", row_type="total", side="income", total="110.00"),
            line("支出总计", row_type="total", side="expense", total="110.00", general_budget="110.00"),
        ]),
        table("general_budget_expense", 5, "一般公共预算支出情况表", [
            line("总计", row_type="total", total="110.00", basic="70.00", project="40.00"), *coded(GENERAL)]),
        table("general_budget_basic_expense", 6, "一般公共预算基本支出情况表", [
            line("总计", row_type="total", total="70.00", personnel="60.00", public_funds="10.00"),
            line("工资福利支出", "301", total="60.00", personnel="60.00"),
            line("基本工资", "30101", total="50.00", personnel="50.00"),
            line("机关事业单位基本养老保险缴费", "30108", total="10.00", personnel="10.00"),
            line("商品和服务支出", "302", total="10.00", public_funds="10.00"),
            line("办公费", "30201", total="8.00", public_funds="8.00"),
            line("公务接待费", "30217", total="0.50", public_funds="0.50"),
            line("公务用车运行维护费", "30231", total="1.50", public_funds="1.50"),
        ]),
        table("general_budget_project_expense", 7, "一般公共预算项目支出情况表", [
            line("总计", row_type="total", total="40.00", goods_services="40.00"),
            line(u, row_type="unit", unit=u, total="40.00", goods_services="40.00"),
            line("一般公共服务支出", "201", unit=u, total="40.00", goods_services="40.00"),
            line("政府办公厅（室）及相关机构事务", "20103", unit=u, total="40.00", goods_services="40.00"),
            line("一般行政管理事务", "2010302", unit=u, project_name="信息系统运维项目", total="40.00",
                 goods_services="40.00"),
        ]),
        table("gov_fund_expense", 8, "政府性基金预算支出情况表", [], "本部门没有政府性基金预算拨款安排的支出，本表为空表。"),
        table("soe_capital_expense", 9, "国有资本经营预算支出情况表", [], "本部门没有国有资本经营预算支出，本表为空表。"),
        table("three_public_expense", 10, "财政拨款“三公”经费支出情况表", [
            line("合计", row_type="total", total="2.00", general_budget="2.00"),
            line("因公出国（境）费"),
            line("公务接待费", total="0.50", general_budget="0.50"),
            line("公务用车购置及运行费（小计）", total="1.50", general_budget="1.50"),
            line("其中：公务用车购置费"),
            line("公务用车运行费", total="1.50", general_budget="1.50"),
        ]),
        table("carryover", 11, "上年结转结余情况明细表", [
            line("总计", row_type="total", total="20.00", fiscal_subtotal="20.00", fiscal_project="20.00"),
            line(u, row_type="unit", unit=u, total="20.00", fiscal_subtotal="20.00", fiscal_project="20.00"),
            line("2024 年信息系统运维项目", unit=u, project_name="2024 年信息系统运维项目", total="20.00",
                 fiscal_subtotal="20.00", fiscal_project="20.00"),
        ]),
    ]


def indicator(name, target, comparator, value, unit, weight, level2="数量指标"):
    return {"level1": "产出指标", "level2": level2, "name": name, "target": target, "comparator": comparator,
            "target_value": value, "target_unit": unit, "basis": "计划标准", "prior_value": None,
            "weight": weight, "scoring_rule": None, "evidence": []}


def targets():
    return [
        {"scope": "department", "unit": DEPARTMENT, "project": None, "owner": "张三", "phone": None,
         "funds": {"fiscal_higher": "0.00", "fiscal_local": "110.00", "other": "5.00"}, "goal": "完成年度工作。",
         "pages": [20], "indicators": [indicator("办件数量", "＞=100件", ">=", "100", "件", 50),
                                       indicator("办结率", "＞=95%", ">=", "95", "%", 50, "质量指标")]},
        {"scope": "project", "unit": DEPARTMENT, "project": "信息系统运维项目和 2024 年信息系统运维项目",
         "owner": "李四", "phone": None, "funds": {"total": "60.00", "fiscal": "60.00", "other": "0.00"},
         "goal": "保障系统运行。", "pages": [21],
         "indicators": [indicator("运维系统数量", "＞=3个", ">=", "3", "个", 60),
                        indicator("系统可用率", "＞=99%", ">=", "99", "%", 40, "质量指标")]},
    ]


SECTIONS = [
    ("二、机构设置及人员情况", "测试局的预算包括：测试局本级预算及下属 1家预算单位在内的汇总预算。\n测试局本级下设 2 个处室，"
     "分别是：办公室、财务科。\n本部门中，行政单位 1 家，事业单位 1 家。"),
    ("第二部分 2025 年部门预算公开表", "编制部门：测试局 单位：万元"),
    ("一、关于测试局 2025 年收支预算情况总体说明", "按照全口径预算的原则，测试局 2025 年所有收入和支出均纳入部门预算管理。"
     "收支总预算 135.00 万元。"),
    ("二、关于测试局 2025 年收入预算情况说明", "测试局部门收入预算 135.00 万元，其中：\n一般公共预算 110.00 万元，占 81.48%，"
     "比上年预算增加 10.00 万元，增长 10.00%。\n单位资金 5.00 万元，占 3.70%。\n财政拨款结转 20.00 万元，占 14.81%。"),
    ("三、关于测试局 2025 年支出预算情况说明", "测试局 2025 年支出预算 135.00 万元，其中：\n基本支出 75.00 万元，占 55.56%，"
     "比上年预算减少 5.00 万元，下降 6.25%。\n项目支出 60.00 万元，占 44.44%。"),
    ("四、关于测试局 2025 年财政拨款收支预算情况的总体说明", "2025 年财政拨款收支总预算 110.00 万元。\n一般公共预算支出包括："
     "一般公共服务支出 100.00 万元；社会保障和就业支出 10.00 万元。"),
    ("（二）一般公共预算当年拨款结构情况", "1、一般公共服务支出（类）100.00 万元，占 90.91%。\n"
     "2、社会保障和就业支出（类）10.00 万元，占 9.09%。"),
    ("（三）一般公共预算当年拨款具体使用情况", "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）："
     "2025 年预算数为 60.00 万元，比上年预算增加 12.00 万元，增长 25.00%。\n2、社会保障和就业支出（类）行政事业单位养老支出"
     "（款）机关事业单位基本养老保险缴费支出（项）：2025 年预算数为 10.00 万元。"),
    ("六、关于测试局 2025 年一般公共预算基本支出情况说明", "测试局 2025 年一般公共预算基本支出 70.00 万元，其中：\n"
     "人员经费 60.00 万元，主要包括：基本工资。\n公用经费 10.00 万元，主要包括：办公费。"),
    ("（一）项目名称：信息系统运维项目", "预算安排规模：40.00 万元\n项目承担单位：测试局"),
    ("八、关于测试局 2025 年政府性基金预算拨款情况说明", "测试局 2025 年没有使用政府性基金预算拨款安排的支出，"
     "政府性基金预算支出情况表为空表。"),
    ("十、关于测试局 2025 年财政拨款“三公”经费预算情况说明", "测试局 2025 年财政拨款“三公”经费数为 2.00 万元，其中："
     "因公出国（境）费 0.00 万元，公务用车购置费 0.00 万元，公务用车运行费 1.50 万元，公务接待费 0.50 万元。"),
    ("十一、关于测试局 2025 年上年结转结余预算情况说明", "测试局 2025 年上年结转结余 20.00 万元，包括：财政拨款 20.00 万元，"
     "非财政拨款 0.00 万元，其中：\n1．2024 年信息系统运维项目 20.00 万元，用于系统运维。"),
    ("(一) 单位运行经费情况", "测试局2025年的机关运行经费财政拨款预算10.00万元，比上年预算减少 2.00 万元，下降 16.67%。"),
    ("(二) 政府采购情况", "2025 年，测试局政府采购预算 30.00 万元，其中：政府采购货物预算 10.00 万元，政府采购工程预算 "
     "0.00 万元，政府采购服务预算 20.00 万元。"),
    ("(三) 国有资产占用使用情况", "截至 2024 年底，测试局占用使用国有资产总体情况为：车辆 1 辆，价值 30.00 万元。"),
    ("(四) 预算绩效情况", "2025 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及预算金额115.00万元；当年预算安排项目共 1个，"
     "其中：财政拨款项目涉及预算金额 40.00 万元；非财政拨款项目涉及预算金额 0.00 万元。"),
    ("第四部分 名词解释", "一、财政拨款：指由一般公共预算安排的财政拨款数。\n测试局\n2025 年 2月 10 日"),
]


def _consistent():
    return {
        "format": "budget-disclosure/1",
        "document": {"kind": "budget", "fiscal_year": 2025, "department": DEPARTMENT, "amount_unit": "万元",
                     "published_on": "2025-02-10"},
        "overview": {
            "functions": "负责测试工作。",
            "offices": ["办公室", "财务科"],
            "units": [{"name": DEPARTMENT, "kind": "administrative"}, {"name": "测试中心", "kind": "institution"}],
            "staffing": {"authorized": 20, "actual": 18, "active": 15, "active_change": 1, "retired": 3,
                         "retired_change": 0, "separated": 0, "separated_change": 0},
        },
        "tables": tables(),
        "projects": [{"name": "信息系统运维项目", "unit": DEPARTMENT, "basis": "按规定", "amount": "40.00",
                      "allocation": "运维费 40.00 万元", "period_start": "2025-01-01", "period_end": "2025-12-31"}],
        "performance_targets": targets(),
        "other_matters": {
            "operating_funds": "10.00",
            "procurement": {"total": "30.00", "goods": "10.00", "works": "0.00", "services": "20.00",
                            "sme_reserved": None, "small_micro_reserved": None},
            "assets": {"buildings_m2": None, "buildings_value": None, "vehicles": 1, "vehicles_value": "30.00",
                       "furniture_value": None, "other_value": None, "large_equipment_500k": None,
                       "large_equipment_1m": None},
            "three_public": {"total": "2.00", "overseas": "0.00", "vehicle_purchase": "0.00",
                             "vehicle_operation": "1.50", "reception": "0.50"},
        },
        "sections": [{"heading": h, "text": t, "pages": [1]} for h, t in SECTIONS],
        "warnings": [],
    }


CONSISTENT = _consistent()


def consistent():
    """A fresh copy of the consistent disclosure."""
    return copy.deepcopy(CONSISTENT)


def ingested(data):
    """Ingest ``data`` as a new document (its checks run on ingest)."""
    return ingest(data, source_bytes=uuid.uuid4().bytes).disclosure


def findings(data_or_disclosure, rule=None):
    disclosure = data_or_disclosure if hasattr(data_or_disclosure, "pk") else ingested(data_or_disclosure)
    found = Finding.objects.filter(disclosure=disclosure).order_by("id")
    return [f for f in found if rule is None or f.rule == rule]


def severities(data, rule):
    return [f.severity for f in findings(data, rule)]


def get_table(data, kind):
    return next(t for t in data["tables"] if t["kind"] == kind)


def get_line(data, kind, code=None, name=None, side=None):
    return next(row for row in get_table(data, kind)["lines"]
                if (code is None or row["code"] == code) and (name is None or row["name"] == name)
                and (side is None or row["side"] == side))


def get_section(data, heading_part):
    return next(s for s in data["sections"] if heading_part in s["heading"])


def replace_text(data, heading_part, old, new):
    section = get_section(data, heading_part)
    assert old in section["text"], (old, section["text"])
    section["text"] = section["text"].replace(old, new)


def set_amounts(data, kind, code=None, name=None, side=None, **amounts):
    """Print other amounts in one row (None blanks a cell)."""
    row = get_line(data, kind, code, name, side)
    for column, value in amounts.items():
        if value is None:
            row["amounts"].pop(column, None)
        else:
            row["amounts"][column] = value
    return data


def in_yuan(data):
    """The same disclosure with its tables printed in 元 (integers), the narrative still in 万元."""
    data["document"]["amount_unit"] = "元"
    for t in data["tables"]:
        t["amount_unit"] = "元"
        for row in t["lines"]:
            row["amounts"] = {k: str(int(float(v) * 10000)) for k, v in row["amounts"].items()}
    return data


def rules_found(data, family):
    """The rule codes of ``family`` (first letter) that ``data`` breaks, with their severities."""
    return sorted({(f.rule, f.severity) for f in findings(data) if f.rule.startswith(family)})
