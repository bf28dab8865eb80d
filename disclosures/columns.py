"""Amount column keys of disclosure-v1 in the schema's order, with the label staff read."""
from django.utils.translation import gettext_lazy as _

TOTAL_COLUMN = "total"  # the column whose amount a line sorts by (BudgetLine.total_amount)

# Same keys, same order as ``$defs.column_key`` in disclosure-v1.schema.json.
COLUMNS = {
    "amount": _("预算数"),
    "total": _("合计"),
    "basic": _("基本支出"),
    "project": _("项目支出"),
    "personnel": _("人员经费"),
    "public_funds": _("公用经费"),
    "fiscal_subtotal": _("财政拨款（补助）小计"),
    "general_budget": _("一般公共预算"),
    "general_budget_transfer": _("上级一般公共预算安排的转移支付"),
    "gov_fund": _("政府性基金预算"),
    "gov_fund_transfer": _("上级政府性基金安排的转移支付"),
    "soe_capital": _("国有资本经营预算"),
    "soe_capital_transfer": _("上级国有资本经营预算安排的转移支付"),
    "special_account": _("财政专户（教育收费）"),
    "unit_funds": _("单位资金"),
    "fiscal_carryover": _("财政拨款结转"),
    "nonfiscal_carryover": _("非财政拨款结转结余"),
    "wages_welfare": _("工资福利支出"),
    "goods_services": _("商品和服务支出"),
    "household_subsidies": _("对个人和家庭的补助"),
    "debt_interest": _("债务利息及费用支出"),
    "capital_construction": _("资本性支出（基本建设）"),
    "capital": _("资本性支出"),
    "enterprise_subsidies_construction": _("对企业补助（基本建设）"),
    "enterprise_subsidies": _("对企业补助"),
    "social_security_subsidies": _("对社会保障基金补助"),
    "other": _("其他支出"),
    "nonfiscal_subtotal": _("非财政拨款小计"),
    "fiscal_basic_personnel": _("财政拨款 人员经费"),
    "fiscal_basic_public": _("财政拨款 公用经费"),
    "fiscal_project": _("财政拨款 项目支出"),
    "nonfiscal_basic_personnel": _("非财政拨款 人员经费"),
    "nonfiscal_basic_public": _("非财政拨款 公用经费"),
    "nonfiscal_project": _("非财政拨款 项目支出"),
    "business_income": _("事业收入"),
    "operating_income": _("事业单位经营收入"),
    "higher_subsidy_income": _("上级补助收入"),
    "subordinate_income": _("附属单位上缴收入"),
    "other_income": _("其他收入"),
    "remit_to_higher": _("上缴上级支出"),
    "operating_expense": _("经营支出"),
    "subordinate_subsidy": _("对附属单位补助支出"),
    "budget": _("预算数"),
    "opening_balance": _("年初结转和结余"),
    "income": _("本年收入"),
    "expense": _("本年支出"),
    "closing_balance": _("年末结转和结余"),
}
ORDER = {key: i for i, key in enumerate(COLUMNS)}
# Labels a kind of disclosure prints instead: a 决算's one amount column is its 决算数 (the schema's
# ``amount``; ``budget`` stays 预算数, printed beside it).
KIND_LABELS = {"final_accounts": {"amount": _("决算数")}}
# The funds keys of a performance target (``performance_target.funds`` in the schema), labelled as the
# national template prints them (上级安排 beside 本级安排).
FUNDS = {
    "total": _("年度资金总额"),
    "fiscal": _("财政拨款"),
    "fiscal_higher": _("上级安排"),
    "fiscal_local": _("本级安排"),
    "other": _("其他资金"),
}


def column_label(key, kind=None):
    """The label of column ``key`` as a disclosure of ``kind`` prints it (the key itself if the schema
    does not know it)."""
    return KIND_LABELS.get(kind, {}).get(key) or COLUMNS.get(key, key)


# Labels for lines of either kind (list filters, exports): 预算数 of a budget is 决算数 of final accounts,
# and final accounts print a 预算数 of their own beside it.
ANY_KIND_LABELS = {"amount": _("预算数／决算数"), "budget": _("预算数（决算表）")}


def any_kind_label(key):
    """The label of column ``key`` where lines of budgets and final accounts are listed together."""
    return ANY_KIND_LABELS.get(key) or column_label(key)


def fund_label(key):
    """The label of funds key ``key`` (the key itself if the schema does not know it)."""
    return FUNDS.get(key, key)


def ordered_columns(keys):
    """``keys`` sorted as the schema lists them; unknown keys last, alphabetically."""
    return sorted(set(keys), key=lambda k: (ORDER.get(k, len(ORDER)), k))

