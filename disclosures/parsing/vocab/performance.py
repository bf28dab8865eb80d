"""Performance target tables (绩效目标表): their titles, indicator headers and info labels.

Labels are compared with NFKC-normalised cell text with whitespace removed. The vocabulary
follows the templates as 财政部 and the provinces print them and as departments disclose them:

- 财政部's 项目支出绩效目标申报表 (中央部门预算绩效目标管理办法, 财预〔2015〕88号, and the
  core-indicator templates of 财预〔2021〕101号): 项目名称, 主管部门, 实施单位, 项目资金（万元）
  with 年度资金总额 / 其中：财政拨款 / 其他资金, 总体目标 / 年度目标, 一级/二级/三级指标, 指标值;
  its 部门整体支出绩效目标申报表: 部门（单位）名称, 年度总体目标, 年度绩效指标.
- Local forms of the same (佳县财政支出项目绩效目标申报表 docx.baby/p/20793843881926.html;
  a 2021 财政支出绩效目标申报表 gxglmes.com/templets/default/2021yusuan/sqb.files/sheet001.htm;
  the 绩效目标申报表（参考模板） "项目负责人及电话 / 主管部门 / 实施单位 / 年度资金总额: 其中:财政拨款
  其他资金"; 宁乡市坝塘镇 项目绩效目标表 renrendoc.com/paper/307484460.html with 项目单位,
  资金总额, 上级财政资金 / 本级财政; 大庆市部门预算项目支出绩效目标申报表 m.zixin.com.cn/doc/3995614.html;
  评分细则 as the scoring column): 填报单位（盖章）, 项目实施单位, 项目负责人, 联系电话, 资金总额,
  自有资金.
- Published disclosures (乌鲁木齐市 2025 部门预算: 部门名称（盖章）, 部门联系人 / 联系电话, 年度预算（万元）
  with 财政资金 上级安排 / 本级安排 and 其他资金 其他; 项目支出绩效目标表 with 预算单位, 项目负责人,
  年度预算总额, 其中：财政拨款, 项目总体目标; and the 指标值设置依据 / 上年完成值 / 指标分值权重 /
  指标赋分规则 / 佐证资料 columns).
"""
import re

# Printed title → scope; longer titles first so the most specific one names the scope.
TITLE_SCOPES = (
    ("部门单位整体支出绩效目标表", "department"),
    ("部门整体支出绩效目标申报表", "department"),
    ("部门整体支出绩效目标表", "department"),
    ("单位整体支出绩效目标表", "department"),
    ("部门整体绩效目标表", "department"),
    ("整体支出绩效目标表", "department"),
    ("项目支出绩效目标申报表", "project"),
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
    "name": ("三级指标", "指标名称", "指标内容"),
    "target": ("指标值", "目标值", "指标目标值", "年度指标值"),
    "basis": ("指标值设置依据", "指标值设定依据", "指标设定依据", "指标设置依据",
              "设置依据", "设定依据"),
    "prior_value": ("上年完成值", "上年实际完成值", "上年实际值", "上年度完成值"),
    "weight": ("分值权重", "指标分值权重", "权重", "分值"),
    "scoring_rule": ("指标赋分规则", "赋分规则", "评分规则", "评分标准", "评分细则"),
    "evidence": ("佐证资料", "佐证材料"),
    # Grids that print 指标值 over three columns (指标性质 | 指标值 | 度量单位), as provincial
    # budget systems export them: the sign and the unit of the value.
    "sign": ("指标性质", "指标方向", "运算符号"),
    "unit": ("度量单位", "计量单位", "指标单位"),
}
# A row is the indicator header when it maps these keys and at least HEADER_MIN_KEYS in all.
HEADER_REQUIRED = ("name",)
HEADER_MIN_KEYS = 3
# Indicator keys whose cells are merged vertically over the rows they share.
LEVEL_KEYS = ("level1", "level2")

# Info label (parentheses and a group prefix such as 其中： dropped) → target key; the value
# is to its right, or after a colon in the same cell (``部门联系人：张三 联系电话：…``).
INFO_LABELS = {
    "预算单位": "unit",
    "部门名称": "unit",
    "单位名称": "unit",
    "部门单位名称": "unit",
    "预算部门": "unit",
    "项目承担单位": "unit",
    "承担单位": "unit",
    "项目实施单位": "unit",
    "实施单位": "unit",
    "项目单位": "unit",
    "填报单位": "unit",
    "主管部门": "department",
    "主管部门及代码": "department",
    "项目名称": "project",
    "项目负责人": "owner",
    "部门联系人": "owner",
    "单位联系人": "owner",
    "项目联系人": "owner",
    "联系人": "owner",
    "项目负责人及电话": "owner_phone",
    "项目负责人及联系电话": "owner_phone",
    "部门联系人及联系电话": "owner_phone",
    "部门联系人及电话": "owner_phone",
    "联系人及联系电话": "owner_phone",
    "联系人及电话": "owner_phone",
    "联系人/联系电话": "owner_phone",
    "联系人/电话": "owner_phone",
    "项目负责人/联系电话": "owner_phone",
    "部门联系人/联系电话": "owner_phone",
    "联系电话": "phone",
    "年度绩效目标": "goal",
    "项目总体目标": "goal",
    "年度总体目标": "goal",
    "总体目标": "goal",
    "年度目标": "goal",
    "中期目标": "midterm_goal",
    "长期目标": "midterm_goal",
}
# Keys whose value may stand below the label, as the national template prints 总体目标 over
# two columns (中期目标 | 年度目标) with each text under its label.
BELOW_KEYS = ("goal", "midterm_goal")
# Fund label → funds key; its value is the first amount to its right (or after its colon).
FUND_LABELS = {
    "年度预算总额": "total",
    "年度资金总额": "total",
    "项目资金总额": "total",
    "资金总额": "total",
    "预算总额": "total",
    "年度预算数": "total",
    "财政拨款": "fiscal",
    "财政资金": "fiscal",
    "其他资金": "other",
    "上级安排": "fiscal_higher",
    "上级补助": "fiscal_higher",
    "上级财政资金": "fiscal_higher",
    "本级安排": "fiscal_local",
    "本级财政": "fiscal_local",
    "本级财政资金": "fiscal_local",
    "其他": "other",
}
# A label may follow a group word and a colon (其中：财政拨款, 财政资金：本级安排); the group is dropped.
LABEL_GROUPS = ("其中", "财政资金", "财政拨款", "资金来源")
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
# A 指标性质 cell (NFKC) → comparator; 定性 and the like name no comparator.
SIGNS = {
    ">=": ">=", "≥": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=",
    "<=": "<=", "≤": "<=", "小于等于": "<=", "不高于": "<=", "不超过": "<=", "不多于": "<=",
    "=": "=", "等于": "=", ">": ">", "大于": ">", "高于": ">", "<": "<", "小于": "<", "低于": "<",
}
NUMBER_UNIT_RE = re.compile(r"^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\D*)$")
WEIGHT_RE = re.compile(r"^(\d+(?:\.\d+)?)(?:分|%)?$")
EVIDENCE_SEPARATORS = re.compile(r"[,，]")
PARENTHESES_RE = re.compile(r"\([^)]*\)")
# A telephone number ending a contact's value: ``张三 0991-4184345`` (at least 7 digits).
PHONE_TAIL_RE = re.compile(r"^(.*?)[\s,，;；/:]*(\+?[\d(][\d\-() ]*\d)$")
PHONE_MIN_DIGITS = 7
# The code printed after a 主管部门's name (主管部门及代码: ``示例市教育局 201001``).
TRAILING_CODE_RE = re.compile(r"\s*\d{3,}$")
PAGE_NUMBER_RE = re.compile(r"^[-–—第\s]*\d+\s*[页\-–—\s]*$")
