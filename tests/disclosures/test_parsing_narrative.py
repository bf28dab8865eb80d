"""The narrative parts of a disclosure, read from hand-built pages of made-up departments."""
import pytest

from disclosures.parsing import errors, narrative
from disclosures.parsing.pdf import Cell, Grid, Line, Page
from disclosures.parsing.textflow import paragraphs

BODY, LEFT, RIGHT, WIDTH, HEIGHT = 12.0, 50.0, 530.0, 595.0, 842.0


def width(text, size):
    return sum(size * (0.5 if ord(ch) < 0x2000 else 1.0) for ch in text)


class Sheet:
    """Builds a page the way a word processor lays it out: wrapped, indented paragraphs."""

    def __init__(self, number):
        self.number, self.top, self.lines, self.grids = number, 60.0, [], []

    def add(self, text, x0, size=BODY, gap=1.8):
        self.lines.append(Line(text, x0, self.top, x0 + width(text, size), self.top + size, size))
        self.top += gap * size
        return self

    def heading(self, text, size=16.0):
        return self.add(text, (WIDTH - width(text, size)) / 2, size, gap=2.2)

    def para(self, text, indent=True, size=BODY):
        """``text`` wrapped at the right margin, its first line indented by two characters."""
        x0 = LEFT + (2 * size if indent else 0)
        line = ""
        for ch in text:
            if x0 + width(line + ch, size) > RIGHT:
                self.add(line, x0, size)
                line, x0 = "", LEFT
            line += ch
        return self.add(line, x0, size)

    def grid(self, rows, col_width=120.0, row_height=20.0):
        """A ruled table of one-line cells below the text so far."""
        top = self.top
        matrix = [[Cell(LEFT + c * col_width, top + r * row_height, LEFT + (c + 1) * col_width,
                        top + (r + 1) * row_height, r, c, lines=[text] if text else [])
                   for c, text in enumerate(row)] for r, row in enumerate(rows)]
        cols = [LEFT + c * col_width for c in range(len(rows[0]) + 1)]
        edges = [top + r * row_height for r in range(len(rows) + 1)]
        self.grids.append(Grid(self.number, (cols[0], edges[0], cols[-1], edges[-1]), matrix, cols, edges))
        self.top = edges[-1] + 2 * BODY
        return self

    def page(self):
        """The page, with its number printed in the footer."""
        label = str(self.number)
        footer = Line(label, WIDTH / 2, 800.0, WIDTH / 2 + width(label, 10.5), 810.5, 10.5)
        return Page(self.number, WIDTH, HEIGHT, self.lines + [footer], self.grids)


def table_page(number, title, department="某市教育局", unit="元"):
    return Sheet(number).heading(title, 17.0).add(f"编制部门：{department} 单位：{unit}", LEFT, 10.5).page()


def education_bureau():
    """A small 某市教育局 budget: overview, one table page, explanations, signature."""
    overview = (
        Sheet(1)
        .heading("第一部分 2026 年部门概况", 18.0)
        .heading("一、 主要职能", 14.0)
        .para("负责全市教育事业发展规划的拟订和实施，统筹管理各级各类学校，指导教育教学改革，"
              "组织实施教师队伍建设和考试招生工作。")
        .heading("二、 机构设置及人员情况", 14.0)
        .para("某市教育局本级下设 4 个科室，分别是：办公室、基础教育科、职业教育科（成人教育、继续教育科）、财务科。")
        .para("本部门中，行政单位 1 家，事业单位 2 家，纳入某市教育局2026年部门预算编制范围的下属预算单位包括：")
        .para("1、某市教育考试中心")
        .para("2、某市教师发展中心")
        .para("某市教育局编制数 58，实有人数 51 人，其中：在职 40 人，增加 2人；退休 11 人，减少 1人。")
        .page()
    )
    explanations = (
        Sheet(3)
        .heading("第三部分 2026 年部门预算情况说明", 18.0)
        .heading("七、 关于某市教育局 2026 年一般公共预算项目支出情况说明", 14.0)
        .para("（一）项目名称：校园安全改造项目")
        .para("设立的政策依据：依据《某市中小学校园安全管理办法》（某教发〔2025〕7 号）对全市中小学校园"
              "安防设施进行改造。")
        .para("预算安排规模：1,234.50 万元")
        .para("项目承担单位：某市教育局")
        .para("资金分配情况：设备购置费 1,000.00 万元，安装调试费 234.50 万元。")
        .para("资金执行时间：2026 年 3月 1 日-2026 年 11 月 30 日")
        .para("（二）项目名称：教师培训")
        .para("设立的政策依据：《某市教师继续教育规定》")
        .para("预算安排规模：预算 36.00 万元，其中财政拨款 30.00 万元，单位资金 6.00 万元")
        .para("项目承担单位：某市教师发展中心")
        .para("资金分配情况：培训费 36 万元")
        .para("资金执行时间：2026 年全年")
        .heading("八、 其他重要事项的情况说明", 14.0)
        .para("(一) 机关运行经费情况")
        .para("某市教育局2026年的机关运行经费财政拨款预算2,468,000.00元，比上年预算减少 12,000.00 元。")
        .para("(二) 政府采购情况")
        .para("2026 年，某市教育局政府采购预算 13,500,000.00 元，其中：政府采购货物预算 9,000,000.00 元，"
              "政府采购工程预算 0.00 元，政府采购服务预算 4,500,000.00 元。")
        .para("2026 年，某市教育局面向中小企业预留政府采购项目预算金额 6,000,000.00 元，小微企业预留政府采购"
              "项目预算金额 2,000,000.00 元。")
        .page()
    )
    closing = (
        Sheet(4)
        .heading("第四部分 名词解释", 18.0)
        .para("一、机关运行经费:指行政单位的公用经费，包括办公及印刷费、邮电费、差旅费。")
        .add("某市教育局", 380.0)
        .add("2026 年 3月 5 日", 400.0)
        .page()
    )
    return [overview, table_page(2, "部门收支总体情况表"), explanations, closing]


@pytest.fixture
def pages():
    return education_bureau()


@pytest.fixture
def document(pages):
    return narrative.parse_document(pages, [{"amount_unit": "元"}])


# --- document -----------------------------------------------------------------------------
def test_document_kind_is_budget_from_budget_titles(document):
    assert document["kind"] == "budget"


def test_document_kind_is_final_accounts_from_final_accounts_titles():
    cover = Sheet(1).heading("某区卫生健康委员会2023年度部门决算", 26.0).page()
    pages = [cover, table_page(2, "收入支出决算总表", "某区卫生健康委员会", "万元")]
    assert narrative.parse_document(pages, [])["kind"] == "final_accounts"


def test_fiscal_year_from_part_heading(document):
    assert document["fiscal_year"] == 2026


def test_fiscal_year_from_cover_title():
    cover = Sheet(1).heading("某区卫生健康委员会2023年度部门决算", 26.0).page()
    assert narrative.parse_document([cover, table_page(2, "收入支出决算总表")], [])["fiscal_year"] == 2023


def test_department_from_the_table_pages_without_their_unit(document):
    assert document["department"] == "某市教育局"


def test_department_from_part_one_heading_without_table_labels():
    first = Sheet(1).heading("第一部分 某县农业农村局概况", 18.0).para("单位：万元").page()
    assert narrative.parse_document([first], [])["department"] == "某县农业农村局"


def test_department_is_not_taken_from_a_heading_without_a_name():
    first = Sheet(1).heading("第一部分 部门概况", 18.0).heading("上海市某区2026年区级部门预算", 18.0).page()
    assert narrative.parse_document([first], [{"amount_unit": "元"}])["department"] is None


def test_amount_unit_is_the_commonest_table_unit():
    tables = [{"amount_unit": "元"}, {"amount_unit": "万元"}, {"amount_unit": "元"}]
    assert narrative.parse_document(education_bureau(), tables)["amount_unit"] == "元"


def test_amount_unit_from_text_when_tables_have_none():
    assert narrative.parse_document(education_bureau(), [])["amount_unit"] == "元"


def test_amount_unit_missing_everywhere_fails_closed():
    page = Sheet(1).heading("某市教育局2026年部门预算", 18.0).para("本部门预算说明如下。").page()
    with pytest.raises(errors.UnitNotFound):
        narrative.parse_document([page], [])


def test_published_on_is_the_signature_date(document):
    assert document["published_on"] == "2026-03-05"


def test_published_on_is_null_without_a_date_line():
    pages = education_bureau()[:3]
    assert narrative.parse_document(pages, [])["published_on"] is None


def test_published_on_in_chinese_numerals_after_the_department():
    last = Sheet(5).para("以上为本部门预算说明。").add("某市教育局 二〇二六年三月十二日", 380.0).page()
    assert narrative.parse_document(education_bureau()[:3] + [last], [])["published_on"] == "2026-03-12"


def test_published_on_ignores_a_closing_date_range():
    last = Sheet(5).para("五、实施周期", indent=False).para("2026.1.1-2026.12.31", indent=False).page()
    assert narrative.parse_document(education_bureau()[:3] + [last], [])["published_on"] is None


# --- overview -----------------------------------------------------------------------------
def test_functions_are_the_joined_paragraph(pages, document):
    functions = narrative.parse_overview(pages, document)["functions"]
    assert functions == ("负责全市教育事业发展规划的拟订和实施，统筹管理各级各类学校，指导教育教学改革，"
                         "组织实施教师队伍建设和考试招生工作。")


def test_functions_printed_twice_are_kept_once():
    text = "负责本区商务发展工作，拟订本区商贸流通发展规划并组织实施，推动商业网点建设和服务业发展。"
    first = Sheet(1).heading("某区商务委员会主要职能", 18.0).para(text, indent=False).page()
    again = Sheet(2).para(text, indent=False).page()
    nxt = Sheet(3).heading("某区商务委员会机构设置", 18.0).para("本部门中，行政单位1家。").page()
    overview = narrative.parse_overview([first, again, nxt], {"department": "某区商务委员会"})
    assert overview["functions"] == text


def test_offices_are_split_outside_brackets(pages, document):
    offices = narrative.parse_overview(pages, document)["offices"]
    assert offices == ["办公室", "基础教育科", "职业教育科（成人教育、继续教育科）", "财务科"]


def test_offices_counted_after_the_word_for_them():
    page = Sheet(1).para("本局内设机构 3 个，分别为：综合科、规划科、执法大队。").page()
    assert narrative.parse_overview([page], {})["offices"] == ["综合科", "规划科", "执法大队"]


def test_units_start_with_the_department_and_take_kinds_from_the_counts(pages, document):
    units = narrative.parse_overview(pages, document)["units"]
    assert units == [
        {"name": "某市教育局", "kind": "administrative"},
        {"name": "某市教育考试中心", "kind": "institution"},
        {"name": "某市教师发展中心", "kind": "institution"},
    ]


def test_unit_kinds_are_null_when_the_counts_do_not_decide():
    page = (
        Sheet(1)
        .heading("某街道办事处机构设置", 18.0)
        .para("本部门中，行政单位 1 家，参公单位 1 家，事业单位 1 家，具体包括：", indent=False)
        .para("1. 某街道办事处（本部）。", indent=False)
        .para("2. 某街道社区事务受理服务中心。", indent=False)
        .para("3. 某街道城市运行管理中心。", indent=False)
        .page()
    )
    units = narrative.parse_overview([page], {"department": "某街道办事处"})["units"]
    assert [u["name"] for u in units] == ["某街道办事处（本部）", "某街道社区事务受理服务中心", "某街道城市运行管理中心"]
    assert {u["kind"] for u in units} == {None}


def test_units_from_the_table_below_the_list_sentence():
    page = (
        Sheet(1)
        .heading("二、部门决算单位构成", 15.0)
        .para("纳入某县财政局2023年度部门决算编制范围的单位包括：")
        .grid([["序号", "单位名称", "备注"], ["1", "某县财政局（本级）", ""], ["2", "某县国库支付中心", "预算不单列，并入本级"]])
        .page()
    )
    units = narrative.parse_overview([page], {"department": "某县财政局"})["units"]
    assert [u["name"] for u in units] == ["某县财政局（本级）", "某县国库支付中心"]


def test_staffing_figures_with_signed_changes_and_nulls(pages, document):
    assert narrative.parse_overview(pages, document)["staffing"] == {
        "authorized": 58, "actual": 51, "active": 40, "active_change": 2,
        "retired": 11, "retired_change": -1, "separated": None, "separated_change": None,
    }


def test_staffing_not_printed_is_all_null():
    page = Sheet(1).heading("一、 主要职能", 14.0).para("负责全县水利工作。").page()
    assert set(narrative.parse_overview([page], {})["staffing"].values()) == {None}


# --- projects -----------------------------------------------------------------------------
def test_labelled_project_fields(pages):
    first = narrative.parse_projects(pages)[0]
    assert first == {
        "name": "校园安全改造项目",
        "unit": "某市教育局",
        "basis": "依据《某市中小学校园安全管理办法》（某教发〔2025〕7 号）对全市中小学校园安防设施进行改造。",
        "amount": "1234.50",
        "allocation": "设备购置费 1,000.00 万元，安装调试费 234.50 万元。",
        "period_start": "2026-03-01",
        "period_end": "2026-11-30",
    }


def test_project_amount_after_a_leading_word_and_period_without_dates(pages):
    second = narrative.parse_projects(pages)[1]
    assert (second["amount"], second["unit"]) == ("36.00", "某市教师发展中心")
    assert (second["period_start"], second["period_end"]) == (None, None)


def report_page(number, title, overview, subject, period, budget):
    """A project explained as a report of its own under its title."""
    return (
        Sheet(number)
        .heading(title, 18.0)
        .para("一、项目概述", indent=False).para(overview, indent=False)
        .para("二、立项依据", indent=False).para("1、《某区文化发展扶持办法》。", indent=False)
        .para("2、《某区公共文化服务实施意见》。", indent=False)
        .para("三、实施主体", indent=False).para(subject, indent=False)
        .para("四、实施周期", indent=False).para(period, indent=False)
        .para("五、年度预算安排", indent=False).para(budget, indent=False)
        .page()
    )


def test_report_style_project_named_by_its_title():
    page = report_page(7, "文化惠民专项经费情况说明", "支持基层文化活动。", "某区文化和旅游局", "2024.2.1-2024.12.31",
                       "2024年度项目总预算560.00万，其中演出补贴300.00万，场馆运维260.00万。")
    assert narrative.parse_projects([page]) == [{
        "name": "文化惠民专项经费",
        "unit": "某区文化和旅游局",
        "basis": "1、《某区文化发展扶持办法》。2、《某区公共文化服务实施意见》。",
        "amount": "560.00",
        "allocation": "2024年度项目总预算560.00万，其中演出补贴300.00万，场馆运维260.00万。",
        "period_start": "2024-02-01",
        "period_end": "2024-12-31",
    }]


def test_generic_report_title_takes_the_name_from_the_overview():
    table = table_page(1, "部门收支总体情况表", "某区文化和旅游局")
    page = report_page(7, "项目经费情况说明", "由某区文化和旅游局建设的区图书馆改建工程，位于新华路。",
                       "本工程由建设单位组织招标，设计单位负责设计，监理单位负责全过程控制。", "分四个季度支付。",
                       "第一季度用款计划20万元，第二季度用款计划20万元。")
    found = narrative.parse_projects([table, page])[0]
    assert found["name"] == "区图书馆改建工程"
    assert found["unit"] == "某区文化和旅游局"
    assert found["amount"] is None


def test_a_heading_ends_the_last_project():
    page = (
        Sheet(1)
        .para("（一）项目名称：食堂改造")
        .para("资金分配情况：设备费 12.00 万元")
        .heading("八、 关于某市教育局 2026 年政府性基金预算拨款情况说明", 14.0)
        .para("某市教育局 2026 年没有使用政府性基金预算拨款安排的支出。")
        .page()
    )
    assert narrative.parse_projects([page])[0]["allocation"] == "设备费 12.00 万元"


# --- other matters ------------------------------------------------------------------------
def test_operating_funds_and_procurement(pages):
    other = narrative.parse_other_matters(pages)
    assert other["operating_funds"] == "2468000.00"
    assert other["procurement"] == {
        "total": "13500000.00", "goods": "9000000.00", "works": "0.00", "services": "4500000.00",
        "sme_reserved": "6000000.00", "small_micro_reserved": "2000000.00",
    }


def test_assets_as_printed_without_planned_purchases():
    page = (
        Sheet(1)
        .para("(三) 国有资产占用使用情况")
        .para("截至 2025 年底，某市教育局占用使用国有资产总体情况为：")
        .para("1.房屋 1,250.50 平方米，价值 3,600.00 万元。")
        .para("2.车辆 3 辆，价值 86.40 万元；其中：一般公务用车 3 辆。")
        .para("3.办公家具价值 42.10 万元。")
        .para("部门价值 50 万元以上大型设备 2 台。")
        .para("2026 年部门预算安排购置车辆 5 辆，安排购置单位价值 100 万元以上大型设备 4 台。")
        .page()
    )
    assert narrative.parse_other_matters([page])["assets"] == {
        "buildings_m2": "1250.50", "buildings_value": "3600.00", "vehicles": 3, "vehicles_value": "86.40",
        "furniture_value": "42.10", "other_value": None,
        "large_equipment_500k": 2, "large_equipment_1m": None,  # the 100 万元 devices are only planned
    }


def test_three_public_items_from_the_explanation():
    page = (
        Sheet(1)
        .heading("十、 关于某市教育局 2026 年财政拨款“三公”经费预算情况说明", 14.0)
        .para("某市教育局 2026 年财政拨款“三公”经费数为 12.30 万元，其中：因公出国（境）费未安排，"
              "公务用车购置费 0.00 万元，公务用车运行费 10.00 万元，公务接待费 2.30 万元。")
        .page()
    )
    assert narrative.parse_other_matters([page])["three_public"] == {
        "total": "12.30", "overseas": None, "vehicle_purchase": "0.00", "vehicle_operation": "10.00",
        "reception": "2.30",
    }


def test_final_accounts_take_the_final_figure_and_leave_combined_vehicles_null():
    page = (
        Sheet(1)
        .heading("某县财政局2023年度部门决算", 26.0)
        .heading("七、财政拨款“三公”经费支出决算情况说明", 14.0)
        .para("“三公”经费财政拨款支出年初预算为3.50万元，支出决算为2.80万元，完成预算的80%，其中：因公出国（境）"
              "费决算为0.00万元；公务用车购置及运行维护费支出决算为1.80万元；公务接待费支出决算为1.00万元。")
        .page()
    )
    assert narrative.parse_other_matters([page])["three_public"] == {
        "total": "2.80", "overseas": "0.00", "vehicle_purchase": None, "vehicle_operation": None,
        "reception": "1.00",
    }


def test_other_matters_not_printed_are_null():
    page = Sheet(1).heading("第一部分 概况", 18.0).para("负责全县水利工作。").page()
    other = narrative.parse_other_matters([page])
    assert other["operating_funds"] is None
    assert set(other["procurement"].values()) == {None}
    assert set(other["three_public"].values()) == {None}


# --- text flow and sections ---------------------------------------------------------------
def test_numbers_printed_below_their_line_go_back_into_its_gaps():
    text = Line("机关运行经费支出 万元，比 年度增加 万元。", 96.0, 100.0, 400.0, 112.0, BODY)
    numbers = Line("184.65 2024 2.55", 190.0, 105.0, 330.0, 117.0, BODY)
    page = Page(1, WIDTH, HEIGHT, [text, numbers], [])
    assert [p.text for p in paragraphs([page])] == ["机关运行经费支出184.65万元，比2024年度增加2.55万元。"]


def test_a_centred_heading_wrapped_over_two_lines_is_one_heading():
    first, second = "某区某某街道办事处（部门）主要职", "能"
    sheet = Sheet(1).add(first, (WIDTH - width(first, 18.0)) / 2, 18.0, gap=1.4)
    sheet.heading(second, 18.0)
    duties = ("负责辖区社区管理和公共服务，统筹推进社区建设和社区治理，组织实施与居民生活密切相关的"
              "公共服务事项。", "承办区委、区政府交办的其他事项，完成上级部门布置的各项工作任务。")
    page = sheet.para(duties[0]).para(duties[1]).page()
    assert [(p.text, p.heading) for p in paragraphs([page])] == [
        (first + second, True), (duties[0], False), (duties[1], False),
    ]


def test_a_line_raised_by_one_larger_character_stays_body_text():
    sheet = Sheet(1).para("甲" * 60).para("乙" * 60)
    raised = sheet.lines[2]
    sheet.lines[2] = Line(raised.text, raised.x0, raised.top, raised.x1, raised.bottom, 15.0)
    assert [(p.text, p.heading) for p in paragraphs([sheet.page()])] == [("甲" * 60, False), ("乙" * 60, False)]


def test_footers_and_contents_leaders_are_dropped():
    page = Sheet(1).heading("目 录", 18.0).para("一、主要职能……………………3", indent=False).page()
    assert [p.text for p in paragraphs([page])] == ["目 录", "一、主要职能"]


def test_sections_join_wrapped_lines_under_their_headings(pages):
    sections = narrative.parse_sections(pages)
    staffing = next(s for s in sections if s["heading"] == "二、 机构设置及人员情况")
    assert staffing["pages"] == [1]
    assert staffing["text"].splitlines()[-1] == (
        "某市教育局编制数 58，实有人数 51 人，其中：在职 40 人，增加 2人；退休 11 人，减少 1人。")
