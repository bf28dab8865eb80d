"""Printed labels the other checks match: table items, overview counts, consistency slips."""
import re

from .statements import NUMBER

PARTIAL_ITEM = re.compile(r"^其中")
# The 三公 table's items: (role, name pattern); the vehicle subtotal is the sum of purchase and running.
THREE_PUBLIC_ITEMS = (
    ("overseas", re.compile(r"出国")),
    ("reception", re.compile(r"接待")),
    ("vehicles", re.compile(r"购置及运行")),
    ("purchase", re.compile(r"购置(?:费)?$")),
    ("running", re.compile(r"(?<!购置及)运行(?:维护)?费$")),
)

# 三公 item (name pattern) → the economic code of the basic expense table it must equal.
THREE_PUBLIC_ECONOMIC = ((re.compile(r"接待"), "30217"), (re.compile(r"(?<!购置及)运行(?:维护)?费$"), "30231"))

SUBORDINATE_COUNT = re.compile(r"下属\s*(?P<n>\d+)\s*家(?:预算)?单位")
KIND_COUNT = re.compile(r"(?P<kind>行政单位|参公单位|参照公务员法管理(?:的)?事业单位|事业单位)\s*(?P<n>\d+)\s*家")
OFFICE_COUNT = re.compile(r"(?:下设|内设|设)\s*(?P<n>\d+)\s*个(?:内设机构|职能处室|处室|科室)")
KIND_WORDS = {"行政单位": "administrative", "事业单位": "institution"}

# Where a year is stated and which year it must be, as an offset from the fiscal year
# (budget, final accounts): the year compared with is the previous one, an asset count is taken
# at the end of the year before a budget and at the end of the year of final accounts. Templates, not
# patterns: DEPARTMENT is replaced by the department's name before compiling.
YEAR_PHRASES = (
    (r"(?:比|较)\s*(?P<year>\d{4})\s*年", (-1, -1)),
    (r"与\s*(?P<year>\d{4})\s*年度?(?:预算|决算)?(?:执行数)?(?:相比|持平|基本持平)", (-1, -1)),
    (r"截[至止]\s*(?P<year>\d{4})\s*年", (-1, 0)),
    (r"(?P<year>\d{4})\s*年\s*(?:末|底)", (-1, 0)),  # 2024年末资产, 2024年底
    (r"(?:^|[。；\n])\s*(?P<year>\d{4})\s*年度?\s*[，,]\s*(?:本部门|本单位|DEPARTMENT)", (0, 0)),
    (r"DEPARTMENT\s*(?P<year>\d{4})\s*年", (0, 0)),
    (r"(?P<year>\d{4})\s*年度?\s*DEPARTMENT", (0, 0)),
    (r"(?m)^[（(]\s*(?P<year>\d{4})\s*年度?\s*[)）]\s*$", (0, 0)),  # a performance table's （2025 年）
)
# Any other year printed in a heading (第三部分 2025 年部门预算情况说明) is the document's own.
HEADING_YEAR = re.compile(r"(?P<year>\d{4})\s*年")
# Headings that name a project may carry another year (2024 年结转项目 …).
PROJECT_HEADING = re.compile(r"项目名称|项目：")
DEPARTMENT_NAMES = (
    re.compile(r"编制(?:部门|单位)[:：]\s*(?P<name>[^\s:：]+)"),
    re.compile(r"^\S{0,6}关于(?P<name>.+?)\s*\d{4}\s*年"),
    re.compile(r"\n(?P<name>[^\n，。：:；]{4,40})\n\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"),
)
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|[×＊*]{2,}|某某|待填写|待补充|此处填写|请填写)(?![A-Za-z])")
DUPLICATE_MARK = re.compile(r"([，。、；：！？“”‘’])\1")
BRACKETS = {"（": "round", "(": "round", "）": "round", ")": "round", "[": "square", "【": "square",
            "〔": "square", "［": "square", "]": "square", "】": "square", "〕": "square", "］": "square",
            "《": "book", "》": "book"}
OPENING = set("（([【〔［《")

# An amount in 元 (not 万元, 千元, 亿元) and an amount in 万元.
YUAN = re.compile(rf"(?<![\d.,])({NUMBER})\s*元")
WAN = re.compile(rf"(?<![\d.,])({NUMBER})\s*万元")
