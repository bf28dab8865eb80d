"""The running text's vocabulary: how disclosures word their facts, overview, projects and other matters.

Patterns are matched against the paragraphs' text as printed (spaces kept).
"""
import re

# --- document ---------------------------------------------------------------------------
KIND_PHRASES = {
    "final_accounts": ("部门决算", "单位决算", "决算表", "决算公开"),
    "budget": ("部门预算", "单位预算", "预算表", "预算公开"),
}
YEAR_PATTERNS = (
    re.compile(r"(\d{4})\s*年\s*度?\s*(?:[省市区县]级)?\s*(?:部门|单位)\s*(?:预算|决算)"),
    re.compile(r"(\d{4})\s*年\s*度?\s*(?:预算|决算)单位"),
    re.compile(r"第[一二三四]\s*(?:部分|章)\s*(\d{4})\s*年"),
)
DEPARTMENT_LINE = re.compile(
    r"(?:编制部门|编制单位|预算主管部门|主管部门|部门名称|预算单位)\s*[:：]\s*(.+?)(?:\s*单位\s*[:：].*)?$"
)
OWN_LEVEL = re.compile(r"\s*[（(]本级[）)]$")  # a unit budget's 「某局（本级）」: the department's own level
DEPARTMENT_TITLES = (
    # The name neither starts nor ends with a space, and spaces are taken whole: linear in long runs of spaces.
    re.compile(r"^第一(?:部分|章)\s*+(\D+?)(?<!\s)\s*+(?:部门)?概况$"),
    re.compile(r"^(\D+?)(?<!\s)\s*+\d{4}\s*+年\s*+度?\s*+(?:[省市区县]级)?\s*+(?:部门|单位)\s*+(?:预算|决算)"),
)
SIGNATURE = r"[^，,。；;：:\d]{0,40}?"  # what may precede the date on the signature line
# The line closing the document: the signature and its date, in Arabic or Chinese numerals.
SIGNED_LINES = tuple(re.compile(SIGNATURE + date) for date in (
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日",
    r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日",
))
HAN_DIGITS = "〇一二三四五六七八九"

# --- overview ---------------------------------------------------------------------------
FUNCTIONS_HEADINGS = ("主要职能", "主要职责", "部门职责", "职能职责")
OFFICES = (
    re.compile(r"设\s*[\d一二三四五六七八九十]+\s*个[^，,：:。；]{0,10}?(?:处室|科室|内设机构|职能部门|机构)"
               r"[^：:。]{0,8}[：:]([^。]+)"),
    re.compile(r"内设(?:机构|处室|科室)(?:共)?\s*[\d一二三四五六七八九十]+\s*个[^：:。]{0,8}[：:]([^。]+)"),
)
UNIT_LIST_INTRO = re.compile(r"(?:包括|如下|分别是|分别为|有)\s*[：:]$")
# The same sentence with its numbered list run into it (lines joined): the list starts after it.
UNIT_LIST_INLINE = re.compile(r"(?:包括|如下|分别是|分别为|有)\s*[：:]\s*(?=\d{1,2}\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）])")
UNIT_TABLE_HEADER = "单位名称"
SELF_UNIT_WORDS = ("本级", "本部")
NAME_END = re.compile(r"[，,。；;]")  # where a numbered unit line's name ends
UNIT_NAME = re.compile(
    r"^[^，,。；;：:、]{2,60}?(?:局|委员会|委|办事处|办公室|办|中心|所|站|院|队|处|馆|学校|校|会|部|室|园|团|社|台|厅|署)"
    r"(?:[（(][^）)]*[）)])?$"
)
UNIT_COUNTS = re.compile(r"(参照公务员法管理的?事业单位|参公(?:事业)?单位|行政单位|事业单位|企业)\s*(\d+)\s*[家个]")
UNIT_KIND_WORDS = {"administrative": "行政单位", "institution": "事业单位"}
STAFFING_KEYS = ("authorized", "actual", "active", "active_change", "retired", "retired_change",
                 "separated", "separated_change")
STAFFING_ANCHOR = re.compile(r"编制数|实有人数|在职(?:人员)?\s*\d+\s*人")
STAFFING = {
    "authorized": re.compile(r"编制(?:数|人数)?(?:为|共)?\s*(\d+)"),
    "actual": re.compile(r"实有(?:人数)?(?:为|共)?\s*(\d+)"),
    "active": re.compile(r"在职(?:人员)?(?:为|共)?\s*(\d+)\s*人"),
    "retired": re.compile(r"(?<!离)退休(?:人员)?(?:为|共)?\s*(\d+)\s*人"),
    "separated": re.compile(r"离休(?:人员)?(?:为|共)?\s*(\d+)\s*人"),
}
STAFFING_CHANGE = re.compile(  # \s*+: linear
    r"^\s*+[，,]?\s*+(?:比上年|较上年)?\s*+(增加|增|减少|减|持平|不变)\s*(\d*)"
)
DECREASE_WORDS = ("减少", "减")

# --- projects ---------------------------------------------------------------------------
PROJECT_LABELS = {
    "name": ("项目名称",),
    "basis": ("设立的政策依据", "政策依据", "立项依据"),
    "amount": ("预算安排规模", "预算规模", "年度预算安排", "预算安排", "项目金额", "项目预算"),
    "unit": ("项目承担单位", "承担单位", "实施主体", "实施单位"),
    "allocation": ("资金分配情况", "资金分配"),
    "period": ("资金执行时间", "执行时间", "实施周期"),
    "overview": ("项目概述", "项目概况"),  # opens a project titled by the heading above it
    "other": ("实施方案", "绩效目标"),
}
PROJECT_LABEL_ORDER = sorted(((label, key) for key, labels in PROJECT_LABELS.items() for label in labels),
                             key=lambda pair: -len(pair[0]))  # longest first: 预算安排规模 before 预算安排
PROJECT_LABEL_FIELDS = dict(PROJECT_LABEL_ORDER)
# A label inside a paragraph (lines or paragraphs run together by a reflow, with or without a clause
# end between): the label, its colon and the numbering mark before it, if any.
_FIELD_MARK = r"(?:[（(]\s*[\d一二三四五六七八九十]{1,2}\s*[)）]|\d{1,2}\s*[、.．]|[一二三四五六七八九十]{1,3}、)"
FIELD_LABEL = re.compile(
    rf"(?:{_FIELD_MARK}\s*)?(?P<label>{'|'.join(re.escape(label) for label, _ in PROJECT_LABEL_ORDER)})\s*[：:]\s*"
)
RUN_SEPARATORS = "；;，, "  # what ends a field's text before the next label
TITLE_MAX = 40  # a report title printed at body size is no longer than this
SENTENCE_ENDS = "。；;，,：:"  # a title never ends with these
PROJECT_TITLE_SUFFIX = re.compile(r"(?:情况说明|说明)$")
GENERIC_PROJECT_TITLES = ("项目经费", "项目", "项目支出", "项目情况")
PROJECT_NAME_IN_TEXT = re.compile(r"的([^，,。；的\s]+?(?:工程|项目))")
TOTAL_WORDS = re.compile(r"(?:总预算|预算总额|总额|合计|共计|总计)\s*(?:为|是)?\s*$")
LEADING_WORDS = re.compile(r"^[^\d，,。；;]{0,4}$")  # what may precede the figure that opens a 预算安排 text
IMPLEMENTER_NAME = re.compile(r"[^，,。；;]{1,60}")  # a 承担单位 text that is a name, not a paragraph
PERIOD_DATE = re.compile(r"(\d{4})\s*(?:年|[.．/-])\s*(\d{1,2})\s*(?:月|[.．/-])\s*(\d{1,2})\s*日?")

# --- other matters ----------------------------------------------------------------------
MONEY = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:亿元|万元|元|万)")
FIGURE = r"(\d[\d,]*(?:\.\d+)?)"
OPERATING_TOPIC = ("运行经费",)
OPERATING_FUNDS = re.compile(r"(?:机关|单位)运行经费")
PROCUREMENT_TOPIC = ("政府采购",)
PROCUREMENT = {
    "total": re.compile(r"政府采购(?:预算|金额|支出)(?:总额)?"),
    "goods": re.compile(r"货物(?:采购)?(?:预算|金额)"),
    "works": re.compile(r"工程(?:采购)?(?:预算|金额)"),
    "services": re.compile(r"服务(?:采购)?(?:预算|金额)"),
    "sme_reserved": re.compile(r"中小企业预留"),
    "small_micro_reserved": re.compile(r"小微企业|小型和微型企业"),
}
ASSET_TOPIC = ("国有资产",)
PLANNED_WORDS = ("安排购置", "拟购置", "计划购置")
VALUE = r"(?:价值|原值|账面原值|账面价值)"
EQUIPMENT = r"(?<![\d.]){}\s*万元[^。；;，,\d]{{0,20}}?设备[^。；;，,\d]{{0,12}}?(\d+)\s*[台套]"
# Asset key → (pattern whose group 1 is the figure, whether the figure is a count).
ASSETS = {
    "buildings_m2": (re.compile(rf"房屋(?:面积)?(?:共)?\s*{FIGURE}\s*平方米"), False),
    "buildings_value": (re.compile(rf"房屋[^。；;]*?平方米\s*[，,]?\s*{VALUE}\s*{FIGURE}"), False),
    "vehicles": (re.compile(r"车辆(?:共)?\s*(\d+)\s*辆"), True),
    "vehicles_value": (re.compile(rf"车辆\s*\d+\s*辆\s*[，,]?\s*{VALUE}\s*{FIGURE}"), False),
    "furniture_value": (re.compile(rf"家具\s*{VALUE}\s*{FIGURE}"), False),
    "other_value": (re.compile(rf"其他资产\s*{VALUE}\s*{FIGURE}"), False),
    "large_equipment_500k": (re.compile(EQUIPMENT.format(50)), True),
    "large_equipment_1m": (re.compile(EQUIPMENT.format(100)), True),
}
THREE_PUBLIC_TOPIC = ("三公",)
THREE_PUBLIC = {
    "total": re.compile(r"[“\"']?三公[”\"']?\s*经费"),
    "overseas": re.compile(r"因公出国\s*[（(]\s*境\s*[）)]\s*费"),
    "vehicle_purchase": re.compile(r"公务用车购置费"),
    "vehicle_operation": re.compile(r"公务用车运行(?:维护)?费"),
    "reception": re.compile(r"公务接待费"),
}
THREE_PUBLIC_COMBINED = re.compile(r"公务用车购置及运行(?:维护)?费")
FINAL_FIGURE_WORD = "决算"  # in final accounts, the figure so labelled beats the 预算 one
FIGURE_END = re.compile(r"[，。；;\n]")
CLAUSE_END = r"[。；;\n]|其中"
