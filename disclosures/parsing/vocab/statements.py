"""What the explanations say about figures: amounts in 万元, shares, changes, comparisons, and
which table figure a quoted subject names. Read by the checks on the narrative.

The text is matched after the checks' cleaning (spaces between words dropped).
"""
import re

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
AMOUNT = re.compile(rf"(?<![\d.,])({NUMBER})万元")
# Where the text quoting an amount starts: the last of these before the amount.
LABEL_START = re.compile(r".*(?:[，。；：:;、]|,(?!\d{3})|其中|包括|主要用于以下方面)", re.S)
SHARE = re.compile(rf"^[，,]?占(?P<base>[^，。；%]*?)的?(?P<pct>{NUMBER})%")
# A label ending like this quotes a change, not a figure; what precedes it names the subject.
CHANGE_TAIL = re.compile(
    r"(?:(?:比|较|与)(?:上年|上一年|上年度|\d{4}年度?)(?:相比)?(?:年初)?(?:预算执行数|预算数|预算|决算数|决算|执行数)?)?"
    r"(?P<dir>增加|减少)了?$")
PCT_CHANGE = re.compile(rf"^[，,]?(?:同比)?(?P<dir>增长|下降|上升|降低|增加|减少)了?(?P<pct>{NUMBER})%")
BUDGET_MARK = re.compile(r"(?:年初预算数?|预算数)为?$")
FINAL_MARK = re.compile(r"(?:支出)?决算数?为?$")
LABEL_SUFFIX = re.compile(r"(?:科目|为|是|约|达)$")
LEADING_WORDS = re.compile(r"^(?:其中|包括|主要是|所以|全年|本部门|本单位|我部门|我单位|部门)")
YEAR = re.compile(r"\d{4}年度?")
QUOTES = re.compile(r"[“”\"‘’]")
# 类 starts a run between punctuation (so a search tries each run once, not each character).
CHAIN = re.compile(r"(?<![^，。；：:、“”])(?P<lei>[^，。；：:、“”]+?)[（(]类[)）](?:(?P<kuan>[^，。；：:、“”]+?)[（(]款[)）])?"
                   r"(?:(?P<xiang>[^，。；：:、“”]+?)[（(]项[)）])?")

# A scope's own total, the base of a share quoted without one.
SHARE_BASES = {"income": "收入", "fiscal": "支出", "general_budget": "支出", "expense": "支出", "summary": "支出"}

# The verdict on a final figure against its budget, as the text words it.
VERDICT = re.compile(r"决算数?(?:(?P<cmp>大于|小于|等于|高于|低于)预算数?|与预算数?(?P<flat>基本)?持平)")
COMPLETION = re.compile(r"完成(?:年初)?预算的(?P<pct>\d+(?:\.\d+)?)%")
WORD_SIGN = {"大于": 1, "高于": 1, "小于": -1, "低于": -1, "等于": 0}

# Section heading → scope; the first pattern found wins.
SCOPES = (
    (re.compile(r"三公"), "three_public"),
    (re.compile(r"运行经费"), "operating"),
    (re.compile(r"政府采购"), "procurement"),
    (re.compile(r"国有资产"), "assets"),
    (re.compile(r"绩效"), "performance"),
    (re.compile(r"结转结余"), "carryover"),
    (re.compile(r"项目名称|项目概述|项目概况|年度预算安排|立项依据|实施"), "project"),
    (re.compile(r"基本支出"), "basic"),
    (re.compile(r"一般公共预算"), "general_budget"),
    (re.compile(r"财政拨款"), "fiscal"),
    (re.compile(r"收支|收入支出|编制说明|总体"), "summary"),
    (re.compile(r"收入"), "income"),
    (re.compile(r"支出"), "expense"),
)
# Income sources named in the text → column of the income table.
SOURCES = (
    (re.compile(r"单位资金"), "unit_funds"),
    (re.compile(r"非财政拨款结转(?:结余)?"), "nonfiscal_carryover"),
    (re.compile(r"财政拨款结转(?:结余)?"), "fiscal_carryover"),
    (re.compile(r"事业收入"), "business_income"),
    (re.compile(r"(?:事业单位)?经营收入"), "operating_income"),
    (re.compile(r"其他收入"), "other_income"),
    (re.compile(r"上级补助收入"), "higher_subsidy_income"),
    (re.compile(r"附属单位上缴收入"), "subordinate_income"),
    (re.compile(r"财政专户(?:核拨|管理资金)?"), "special_account"),
)
# 三公 items named in the text → role in the 三公 table.
THREE_PUBLIC = (
    (re.compile(r".*三公.?经费.*"), "total"),
    (re.compile(r"因公出国[（(]境[)）]费(?:用)?(?:支出)?"), "overseas"),
    (re.compile(r"公务用车购置及运行(?:维护)?费(?:支出)?"), "vehicles"),
    (re.compile(r"公务用车购置费?(?:支出)?"), "purchase"),
    (re.compile(r"公务用车运行(?:维护)?费(?:支出)?"), "running"),
    (re.compile(r"公务接待费(?:支出)?"), "reception"),
)
# Subjects naming a total, a source or a use of a summary table.
GRAND = re.compile(r"(?P<fiscal>财政拨款)?(?:收支总(?:预算|计)|收入支出总计|收支总计)")
INCOME = re.compile(r"(?:部门)?(?:本年)?收入(?:预算|合计|决算|总计)?")
EXPENSE = re.compile(r"(?:部门)?(?:本年)?支出(?:预算|合计|决算|总计)?")
FISCAL_INCOME = re.compile(r"财政拨款收入(?:预算|合计)?")
FISCAL_EXPENSE = re.compile(r"财政拨款支出(?:预算|合计)?")
GENERAL_BUDGET = re.compile(r"一般公共预算(?:财政)?(?:拨款)?(?:资金|收入|支出|合计)*(?:预算)?")
GOV_FUND = re.compile(r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|支出)?(?:预算)?")
SOE = re.compile(r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入|支出)?(?:预算)?")
BASIC_TABLE = re.compile(r"一般公共预算(?:财政拨款)?基本支出")
CARRY_TOTAL = re.compile(r"(?:上年)?结转(?:和)?结余")
OPERATING = re.compile(r"机关运行经费")

# How a percentage change follows the amount word: 增加 goes with 增长 / 上升, 减少 with 下降 / 降低.
UP, DOWN = {"增加", "增长", "上升"}, {"减少", "下降", "降低"}
