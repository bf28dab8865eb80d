"""The checker on every corpus document: it reports the printed documents' real discrepancies,
each one explained by the document's README / NOTES, and nothing else.

Each expectation is (rule, severity, text of the message, how many); every finding must match one,
and every expectation must be met. Errors are only the explained ones.
"""
import pytest

from disclosures.ingest import ingest
from disclosures.models import Finding
from disclosures.parsing import parse
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db

# urumqi-2025/README.md, "NOTES — quirks of the printed document".
URUMQI = [
    ("T01", "info", "2010350 事业运行 合计 1,396.76", 1),  # NOTES 1: 1,037.57 + 359.20 = 1,396.77
    ("T01", "info", "2080505 机关事业单位基本养老保险缴费支出 合计 227.58", 1),  # NOTES 2: 135.16 + 92.43
    ("T02", "info", "表2 部门收入总体情况表：20805 行政事业单位养老支出 合计 267.78", 1),  # NOTES 3 (表2 总计 column)
    ("T02", "info", "表3 部门支出总体情况表：20805 行政事业单位养老支出 合计 267.78", 1),  # NOTES 3 (表3 合计)
    ("T02", "info", "表3 部门支出总体情况表：20805 行政事业单位养老支出 基本支出 267.78", 1),  # NOTES 3 (基本支出)
    ("T02", "info", "表2 部门收入总体情况表：20103 政府办公厅（室）及相关机构事务 财政拨款（补助）小计 13,922.17", 1),  # NOTES 4
    ("T02", "info", "表2 部门收入总体情况表：20103 政府办公厅（室）及相关机构事务 一般公共预算 13,922.17", 1),  # NOTES 4
    ("T02", "info", "表5 一般公共预算支出情况表：20103 政府办公厅（室）及相关机构事务 合计 13,922.17", 1),  # NOTES 4
    ("T02", "info", "表5 一般公共预算支出情况表：20103 政府办公厅（室）及相关机构事务 基本支出 1,557.26", 1),  # NOTES 5
    ("T03", "info", "表5 一般公共预算支出情况表：总计 基本支出 1,709.08", 1),  # NOTES 6: 1,557.26 + 151.81
    ("T01", "info", "表5 一般公共预算支出情况表：总计 合计 14,101.12", 1),  # NOTES 6: 1,709.08 + 12,392.05
    ("T03", "info", "表3 部门支出总体情况表：总计 基本支出 2,184.25", 1),  # NOTES 7: 1,916.46 + 267.78
    ("T01", "info", "表3 部门支出总体情况表：总计 合计 30,963.77", 1),  # NOTES 7: 2,184.25 + 28,779.53
    ("P01", "info", "94.59万元 ≠ 表7", 1),  # NOTES 8: 94.59 vs 94.60
    ("L01", "warning", "车辆 4 辆价值 954,200.00万元", 1),  # NOTES 9
    ("L01", "warning", "办公家具价值 3,202,382.00万元", 1),  # NOTES 9
    ("L01", "warning", "其他资产价值 7,634,100.00万元", 1),  # NOTES 9
    ("O01", "error", "下属 2 家预算单位", 1),  # NOTES 10: 2家 while three are listed
    ("P05", "warning", "预算安排项目共13个", 1),  # NOTES 11: 13 stated, 8 + 4 counted
    ("P03", "warning", "分值权重合计 90，不是 100", 12),  # NOTES 12: every table's weights add up to 90
    ("P04", "warning", "评估报告数量", 1),  # NOTES 14: ＞=70% for a count
    ("L03", "warning", "5.96 元", 1),  # NOTES 16: 5.96 元 (the narrative says 5.96 万元)
    ("D04", "info", "(2021]", 3),  # NOTES 17: (乌政阅(2021]55 号), in 七(八), 十一 and its performance table
    ("D04", "info", "““高效办成一件事””", 1),  # NOTES 17
]
# putuo-wanli-2025/NOTES.md, "Sums — real quirks of the source": 212 vs Σ款, 21201 vs Σ项 (表2, 表3, 表5),
# and 21201 合计 vs 基本 + 项目 (表3, 表5), one-yuan rounding.
WANLI = [
    ("T01", "info", "21201 城乡社区管理事务 合计 94,995,790 ≠ 基本支出 77,381,546 + 项目支出 17,614,243", 2),
    ("T02", "info", "212 城乡社区支出", 4),
    ("T02", "info", "21201 城乡社区管理事务", 4),
]
# putuo-finance-2024-final/NOTES.md.
FINANCE = [
    # "Narrative: 财政拨款收入支出总计0.3万元 (table: 2,961.68) — an error in the source".
    ("N01", "error", "“财政拨款收入支出总计” 0.3万元", 1),
    # "说明五（二）: 一般公共服务支出（类）2,106.66 万元 占 71.73%, but 2,106.66 / 2,940.05 = 71.65%".
    ("N08", "error", "印出 71.73%", 1),
    # "八、社会保障和就业支出 is 326.71 in the two summaries … but 208 … is 326.72" in the other tables.
    ("X03", "info", "208 社会保障和就业支出：表1 收入支出决算总表 决算数 326.71", 1),
    ("X05", "info", "208 社会保障和就业支出：表4 财政拨款收入支出决算总表 一般公共预算 326.71", 1),
    # "基本支出决算表: 301 = 2,082.85 vs Σ款 2,082.86; 302 = 171.07 vs Σ款 171.09".
    ("T02", "info", "301 工资福利支出 决算数 2,082.85", 1),
    ("T02", "info", "302 商品和服务支出 决算数 171.07", 1),
    # "合计 2,946.25 (Σ类 2,946.26), 2,940.05 (Σ类 2,940.06), 基本 2,336.91 (Σ 2,336.92)" in 表2, 表3, 表5.
    ("T03", "info", "表2 收入决算表：合计 合计 2,946.25", 1),
    ("T03", "info", "表2 收入决算表：合计 财政拨款（补助）小计 2,940.05", 1),
    ("T03", "info", "表3 支出决算表：合计 合计 2,940.05", 1),
    ("T03", "info", "表3 支出决算表：合计 基本支出 2,336.91", 1),
    ("T03", "info", "表5 一般公共预算财政拨款支出决算表：合计 合计 2,940.05", 1),
    ("T03", "info", "表5 一般公共预算财政拨款支出决算表：合计 基本支出 2,336.91", 1),
    # "说明十一（二）: 政府采购 251.25 万元, but 4.79 + 0 + 246.47 = 251.26".
    ("N12", "info", "政府采购 251.25万元", 1),
    # "说明五（三）: 年初预算 2,993.92, but the eleven 项 年初预算 figures add up to 2,993.93"; their 决算
    # add up to 2,940.06, the tables' 0.01 quirk above.
    ("W04", "info", "年初预算 2993.92万元", 1),
    ("W04", "info", "决算 2940.05万元", 1),
]
DOCUMENTS = {
    "urumqi-2025": URUMQI,
    "putuo-commerce-2025": [],  # NOTES: "Sums checked (all exact)"
    "putuo-commerce-2025/rerender": [],
    "putuo-wanli-2025": WANLI,
    "putuo-wanli-2025/rerender": WANLI,
    "putuo-finance-2024-final": FINANCE,
    "putuo-finance-2024-final/rerender": FINANCE,
}
PARSED = {}


def parsed(slug):
    if slug not in PARSED:
        PARSED[slug] = parse(shared_path("corpus", slug, "disclosure.pdf"))
    return PARSED[slug]


def unexplained(found, expected):
    """(findings matching no expectation, expectations not met)."""
    left = {i: count for i, (_, _, _, count) in enumerate(expected)}
    extra = []
    for f in found:
        match = next((i for i, (rule, severity, text, _) in enumerate(expected)
                      if left[i] and f.rule == rule and f.severity == severity and text in f.message), None)
        if match is None:
            extra.append(f"{f.rule} {f.severity} {f.message}")
        else:
            left[match] -= 1
    return extra, [expected[i][:3] for i, n in left.items() if n]


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_findings_are_the_documents_explained_discrepancies(slug):
    data = parsed(slug)
    disclosure = ingest(data, source_bytes=slug.encode()).disclosure
    found = list(Finding.objects.filter(disclosure=disclosure))
    extra, missing = unexplained(found, DOCUMENTS[slug])
    assert not extra, "findings no NOTES line explains:\n" + "\n".join(extra)
    assert not missing, f"explained discrepancies not reported: {missing}"
