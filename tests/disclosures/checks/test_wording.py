"""Comparisons in words: each rule passes when the words agree with the amounts, and flags them
when they do not."""
import pytest

from tests.disclosures.checks.builder import consistent, replace_text, rules_found, severities

pytestmark = pytest.mark.django_db

FINAL_TEXT = (
    "一般公共预算财政拨款支出年初预算为120.00万元，支出决算为110.00万元，完成年初预算的91.67%。决算数小于预算数的主要原因："
    "项目调减。其中：\n1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：运行。"
    "年初预算为70.00万元，支出决算为60.00万元。决算数小于预算数的主要原因：人员减少。\n"
    "2、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）。年初预算为40.00万元，"
    "支出决算为40.00万元。决算数与预算数基本持平。\n"
    "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为10.00万元，"
    "支出决算为10.00万元。决算数与预算数持平。"
)


def final_accounts():
    """The consistent disclosure as final accounts explaining each 项 against its budget."""
    data = consistent()
    data["document"]["kind"] = "final_accounts"
    data["sections"].append({"heading": "（三）一般公共预算财政拨款支出决算具体情况", "text": FINAL_TEXT, "pages": [9]})
    return data


def in_final(old, new):
    return lambda d: replace_text(d, "决算具体情况", old, new)


def test_words_that_agree_pass():
    assert rules_found(final_accounts(), "W") == []
    assert rules_found(consistent(), "W") == []


CASES = [
    pytest.param("W01", in_final("决算数小于预算数的主要原因：人员减少", "决算数大于预算数的主要原因：人员减少"), id="larger"),
    pytest.param("W01", in_final("为40.00万元。决算数与预算数基本持平", "为30.00万元。决算数与预算数基本持平"),
                 id="roughly-equal-but-not"),
    pytest.param("W02", in_final("完成年初预算的91.67%", "完成年初预算的95.67%"), id="completion-rate"),
    pytest.param("W04", in_final("年初预算为70.00万元", "年初预算为71.00万元"), id="items-do-not-add-up"),
]


@pytest.mark.parametrize("rule, mutate", CASES)
def test_words_that_contradict_the_amounts_are_flagged(rule, mutate):
    data = final_accounts()
    mutate(data)
    assert "error" in severities(data, rule)


def test_increase_said_with_a_falling_rate_is_flagged():
    data = consistent()
    replace_text(data, "收入预算情况说明", "增加 10.00 万元，增长 10.00%", "增加 10.00 万元，下降 10.00%")
    assert severities(data, "W03") == ["error"]
