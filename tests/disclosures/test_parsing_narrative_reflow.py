"""The narrative read by structure, not by line breaks: text reflowed by another word processor.

Fields run together in one paragraph, a label and its value on different lines or pages, headings
at body size, other numbering (第一章, (1), 一是); hand-built pages of made-up departments.
"""
from disclosures.parsing import narrative
from disclosures.parsing.textflow import paragraphs
from tests.disclosures.test_parsing_narrative import LEFT, Sheet


def test_project_fields_run_together_in_any_order():
    page = (
        Sheet(1)
        .para("第三章 项目支出情况", indent=False, size=15.0)
        .para("项目名称：社区图书室改造；项目金额：86.40万元；实施周期：2026年3月1日至2026年11月30日；"
              "实施单位：某区图书馆。(1) 项目名称：乡村书屋建设(2) 项目金额：1,205.50万元，实施单位：某区文化馆。")
        .page()
    )
    found = narrative.parse_projects([page])
    assert [(p["name"], p["unit"], p["amount"], p["period_start"], p["period_end"]) for p in found] == [
        ("社区图书室改造", "某区图书馆", "86.40", "2026-03-01", "2026-11-30"),
        ("乡村书屋建设", "某区文化馆", "1205.50", None, None),
    ]


def test_a_label_and_its_value_on_different_lines_and_pages():
    first = Sheet(1).para("(1) 项目名称：文物保护修缮工程").para("(2) 项目金额：", indent=False).page()
    second = (
        Sheet(2)
        .add("150.00 万元", LEFT)
        .para("(3) 实施单位：", indent=False)
        .para("某区文物管理所", indent=False)
        .para("(4) 实施周期：2026年1月1日至2027年6月30日", indent=False)
        .page()
    )
    [found] = narrative.parse_projects([first, second])
    assert (found["amount"], found["unit"], found["period_end"]) == ("150.00", "某区文物管理所", "2027-06-30")


def test_a_label_of_the_field_being_read_stays_in_its_text():
    page = Sheet(1).para("项目名称：热线运行").para("设立的政策依据：项目背景及立项依据：依据《某区热线管理办法》。").page()
    assert narrative.parse_projects([page])[0]["basis"] == "项目背景及立项依据：依据《某区热线管理办法》。"


def test_report_title_at_body_size_names_the_project():
    page = (
        Sheet(1)
        .heading("五、项目经费情况说明", 14.0)
        .para("非遗传承保护经费情况说明", indent=False)
        .para("一、项目概述", indent=False)
        .para("支持非遗传承人开展传习活动。")
        .para("二、实施主体", indent=False)
        .para("某区文化和旅游局", indent=False)
        .para("三、年度预算安排", indent=False)
        .para("2026年度项目总预算45.00万，其中传习补贴30.00万。")
        .page()
    )
    [found] = narrative.parse_projects([page])
    assert (found["name"], found["unit"], found["amount"]) == ("非遗传承保护经费", "某区文化和旅游局", "45.00")


def test_staffing_sentence_split_over_paragraphs():
    page = (
        Sheet(1)
        .para("本部门编制数为58人，实有人数55人。")
        .para("其中在职50人，比上年减少2人；退休5人，比上年增加1人；离休0人，比上年增加0人。")
        .page()
    )
    assert narrative.parse_overview([page], {})["staffing"] == {
        "authorized": 58, "actual": 55, "active": 50, "active_change": -2,
        "retired": 5, "retired_change": 1, "separated": 0, "separated_change": 0,
    }


def test_offices_listed_in_the_next_paragraph():
    page = Sheet(1).para("本局内设机构4个，分别是：").para("办公室、财务审计科、产业发展科、市场管理科。").page()
    assert narrative.parse_overview([page], {})["offices"] == ["办公室", "财务审计科", "产业发展科", "市场管理科"]


def test_units_numbered_in_brackets_under_a_chapter_heading():
    page = (
        Sheet(1)
        .para("第一章 2026 年部门概况", indent=False)
        .para("纳入本部门预算编制范围的单位共3家，其中行政单位1家，事业单位2家，分别为：")
        .para("(1) 某区文化和旅游局")
        .para("(2) 某区文化馆")
        .para("(3) 某区图书馆")
        .page()
    )
    overview = narrative.parse_overview([page], {"department": "某区文化和旅游局"})
    assert overview["units"] == [{"name": "某区文化和旅游局", "kind": "administrative"},
                                 {"name": "某区文化馆", "kind": "institution"},
                                 {"name": "某区图书馆", "kind": "institution"}]
    assert narrative.parse_document([page], [{"amount_unit": "万元"}])["fiscal_year"] == 2026


def test_units_run_into_their_list_sentence():
    page = (
        Sheet(1)
        .para("本部门中，行政单位1家，事业单位2家，具体包括：1. 某区商务委员会本部，机关设3个内设机构，包括："
              "办公室、综合科、市场科。2. 某区中小企业服务中心，不单列预算。3. 某区会展服务中心。")
        .page()
    )
    assert narrative.parse_overview([page], {"department": "某区商务委员会"})["units"] == [
        {"name": "某区商务委员会本部", "kind": "administrative"},
        {"name": "某区中小企业服务中心", "kind": "institution"},
        {"name": "某区会展服务中心", "kind": "institution"},
    ]


def test_numbered_lines_at_body_size_are_headings_unless_items_of_a_list():
    page = (
        Sheet(1)
        .para("1. 机构设置", indent=False)
        .para("本部门包括：")
        .para("(1) 某区文化馆")
        .para("(2) 某区图书馆")
        .para("2. 人员情况", indent=False)
        .para("编制数为12人。")
        .page()
    )
    assert [p.text for p in paragraphs([page]) if p.heading] == ["1. 机构设置", "2. 人员情况"]


def test_three_public_read_under_a_body_size_heading():
    page = (
        Sheet(1)
        .para("3. 政府采购", indent=False)
        .para("三是政府采购。政府采购预算总额20.00万元。")
        .para("4. “三公”经费", indent=False)
        .para("四是“三公”经费。“三公”经费预算6.50万元，其中：因公出国（境）费0.00万元，公务用车购置费0.00万元，"
              "公务用车运行费4.00万元，公务接待费2.50万元。")
        .page()
    )
    assert narrative.parse_other_matters([page])["three_public"] == {
        "total": "6.50", "overseas": "0.00", "vehicle_purchase": "0.00", "vehicle_operation": "4.00",
        "reception": "2.50",
    }


def test_a_table_title_naming_the_topic_does_not_hide_the_explanation():
    page = (
        Sheet(1)
        .heading("财政拨款“三公”经费支出情况表", 15.0)
        .add("编制部门：某区图书馆 单位：万元", LEFT, 10.5)
        .heading("十二、其他重要事项的情况说明", 15.0)
        .para("“三公”经费预算3.20万元，其中：因公出国（境）费0.00万元，公务用车购置费0.00万元，"
              "公务用车运行费2.00万元，公务接待费1.20万元。")
        .page()
    )
    assert narrative.parse_other_matters([page])["three_public"]["total"] == "3.20"


def test_fields_run_together_without_a_clause_end_between():
    page = (
        Sheet(1)
        .para("（一）项目名称：政务云运维")
        .para("设立的政策依据：依据《某市政务云管理办法》建设和管理。预算安排规模：8,950.00 万元项目承担单位：某市数据局"
              "资金分配情况：委托业务费 8950 万元资金执行时间：2025 年 1月 1 日-2025 年 12 月 31 日")
        .page()
    )
    [found] = narrative.parse_projects([page])
    assert (found["amount"], found["unit"], found["allocation"], found["period_end"]) == (
        "8950.00", "某市数据局", "委托业务费 8950 万元", "2025-12-31")
