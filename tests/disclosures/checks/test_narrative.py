"""The explanations against the tables: each rule passes on a consistent disclosure and flags a
quoted figure that disagrees."""
import pytest

from tests.disclosures.checks.builder import consistent, findings, replace_text, rules_found, severities

pytestmark = pytest.mark.django_db


def text(heading, old, new):
    return lambda d: replace_text(d, heading, old, new)


def other(group, key, value):
    def mutate(d):
        if key:
            d["other_matters"][group][key] = value
        else:
            d["other_matters"][group] = value
    return mutate


def test_consistent_disclosure_breaks_no_narrative_rule():
    assert rules_found(consistent(), "N") == []


CASES = [
    pytest.param("N01", text("收支预算情况总体说明", "收支总预算 135.00", "收支总预算 136.00"), "error", id="grand-total"),
    pytest.param("N01", text("财政拨款收支预算情况", "收支总预算 110.00", "收支总预算 111.00"), "error",
                 id="fiscal-grand-total"),
    pytest.param("N02", text("收入预算情况说明", "单位资金 5.00", "单位资金 6.00"), "error", id="income-source"),
    pytest.param("N03", text("基本支出情况说明", "人员经费 60.00", "人员经费 61.00"), "error", id="personnel"),
    pytest.param("N03", text("支出预算情况说明", "基本支出 75.00", "基本支出 76.00"), "error", id="basic"),
    pytest.param("N04", text("具体使用情况", "预算数为 10.00", "预算数为 12.00"), "error", id="item-explanation"),
    pytest.param("N04", text("结构情况", "社会保障和就业支出（类）10.00", "社会保障和就业支出（类）11.00"), "error",
                 id="class-explanation"),
    pytest.param("N05", text("三公", "公务接待费 0.50", "公务接待费 0.60"), "error", id="three-public-item"),
    pytest.param("N06", other("operating_funds", "", "12.00"), "error", id="operating-above-public-funds"),
    pytest.param("N07", lambda d: d["projects"][0].update(amount="45.00"), "error", id="project-amount"),
    pytest.param("N08", text("收入预算情况说明", "占 81.48%", "占 80.48%"), "error", id="share"),
    pytest.param("N09", text("收入预算情况说明", "增长 10.00%", "增长 11.00%"), "error", id="change-rate"),
    pytest.param("N09", text("单位运行经费", "下降 16.67%", "下降 20.00%"), "error", id="decrease-rate"),
    pytest.param("N10", text("结转结余", "财政拨款 20.00", "财政拨款 21.00"), "error", id="carryover-part"),
    pytest.param("N10", text("结转结余", "1．2024 年信息系统运维项目 20.00", "1．2024 年信息系统运维项目 22.00"),
                 "error", id="carryover-project"),
    pytest.param("N11", other("three_public", "total", "2.50"), "error", id="three-public-parts"),
    pytest.param("N12", other("procurement", "total", "31.00"), "error", id="procurement-parts"),
    pytest.param("N12", other("procurement", "total", "30.01"), "info", id="procurement-rounding"),
]


@pytest.mark.parametrize("rule, mutate, severity", CASES)
def test_quoted_figure_that_disagrees_is_flagged(rule, mutate, severity):
    data = consistent()
    mutate(data)
    assert severity in severities(data, rule)


@pytest.mark.parametrize("quoted, found", [("5.0", []), ("5.1", ["error"])],
                         ids=["coarser-but-equal", "one-step-off"])
def test_figure_quoted_to_fewer_decimals_is_compared_at_its_precision(quoted, found):
    data = consistent()
    replace_text(data, "收入预算情况说明", "单位资金 5.00 万元，占 3.70%", f"单位资金 {quoted} 万元，占 3.70%")
    assert severities(data, "N02") == found


def test_message_quotes_both_amounts_and_the_difference():
    data = consistent()
    replace_text(data, "收支预算情况总体说明", "收支总预算 135.00", "收支总预算 136.00")
    [finding] = findings(data, "N01")
    assert "136.00万元" in finding.message and "135.00" in finding.message and "差额 1.00" in finding.message
    assert (finding.actual, finding.expected, finding.difference) == (136, 135, 1)
    assert finding.section is not None and finding.lines.exists()
