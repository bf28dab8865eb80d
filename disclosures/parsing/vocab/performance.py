"""Performance target tables (绩效目标表): their titles, indicator headers and info labels.

Labels are compared with NFKC-normalised cell text with whitespace removed.
"""
import re

# Printed title → scope; longer titles first so the most specific one names the scope.
TITLE_SCOPES = (
    ("部门整体支出绩效目标表", "department"),
    ("部门整体绩效目标表", "department"),
    ("整体支出绩效目标表", "department"),
    ("项目支出绩效目标表", "project"),
    ("项目绩效目标表", "project"),
)
# Characters a title line may carry before its title (表 12, the department, the year…).
TITLE_PREFIX_MAX = 24
# A line starting with one of these refers to a table (详见…绩效目标表) rather than titling it.
REFERENCE_WORDS = ("详见", "参见", "见附", "具体见")

# Indicator header label → indicator key. A header cell maps to the key of the longest
# label it contains, so reordered, missing or wrapped (指标分值/权重) columns still map.
HEADER_SYNONYMS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "target": ("指标值", "目标值", "指标目标值"),
    "basis": ("指标值设置依据", "指标值设定依据", "指标设定依据", "指标设置依据",
              "设置依据", "设定依据"),
    "prior_value": ("上年完成值", "上年实际完成值", "上年实际值"),
    "weight": ("分值权重", "指标分值权重", "权重", "分值"),
    "scoring_rule": ("指标赋分规则", "赋分规则", "评分规则", "评分标准"),
    "evidence": ("佐证资料", "佐证材料"),
}
# A row is the indicator header when it maps these keys and at least HEADER_MIN_KEYS in all.
HEADER_REQUIRED = ("name",)
HEADER_MIN_KEYS = 3

# Info label (parentheses and a leading 其中： dropped) → target key; value is to its right.
INFO_LABELS = {
    "预算单位": "unit",
    "部门名称": "unit",
    "单位名称": "unit",
    "实施单位": "unit",
    "项目名称": "project",
    "项目负责人": "owner",
    "部门联系人": "owner",
    "联系人": "owner",
    "联系电话": "phone",
    "年度绩效目标": "goal",
    "项目总体目标": "goal",
    "总体目标": "goal",
    "年度目标": "goal",
}
# Fund label → funds key; its value is the first amount to its right.
FUND_LABELS = {
    "年度预算总额": "total",
    "资金总额": "total",
    "财政拨款": "fiscal",
    "其他资金": "other",
    "上级安排": "fiscal_higher",
    "本级安排": "fiscal_local",
    "其他": "other",
}
# Keys whose presence before the header tells a title-less table's scope / start.
PROJECT_KEY = "project"
START_KEYS = ("unit", "project")
# Info a table of each scope should print (warned about when missing).
REQUIRED_INFO = {
    "department": {"unit": "部门名称"},
    "project": {"unit": "预算单位", "project": "项目名称"},
}

# Comparators as printed after NFKC (＞ ＜ ＝ become > < =), longest first.
COMPARATORS = (
    (">=", ">="), ("≥", ">="), ("≧", ">="),
    ("<=", "<="), ("≤", "<="), ("≦", "<="),
    (">", ">"), ("<", "<"), ("=", "="),
)
NUMBER_UNIT_RE = re.compile(r"^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\D*)$")
WEIGHT_RE = re.compile(r"^(\d+(?:\.\d+)?)(?:分|%)?$")
EVIDENCE_SEPARATORS = re.compile(r"[,，]")
PARENTHESES_RE = re.compile(r"\([^)]*\)")
LABEL_PREFIX = "其中:"
PAGE_NUMBER_RE = re.compile(r"^[-–—第\s]*\d+\s*[页\-–—\s]*$")
