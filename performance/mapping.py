"""disclosure-v1 ``performance_targets`` ↔ PerformanceTarget and Indicator fields, for ingest and export."""
from disclosures.mapping import Field, Mapping, kept, listed, or_blank, required, same


def funds(value):
    return dict(value or {})


def weight_number(weight):
    """A stored weight as JSON prints it: ``Decimal("10.00")`` → 10, ``Decimal("2.50")`` → 2.5."""
    if weight is None:
        return None
    return int(weight) if weight == weight.to_integral_value() else float(weight)


TARGET = Mapping((required("scope"), Field("unit", "unit_name"), Field("project"), Field("owner"), Field("phone"),
                  Field("funds", to_model=funds, to_dict=funds), Field("goal"), listed("pages")),
                 source=("page", "bbox"))
INDICATOR = Mapping((kept("level1", to_model=or_blank), kept("level2", to_model=or_blank), required("name"),
                     Field("target", "target_text"), Field("comparator"), Field("target_value"),
                     Field("target_unit"), Field("basis"), Field("prior_value"),
                     Field("weight", to_model=same, to_dict=weight_number), Field("scoring_rule"),
                     listed("evidence")), source=("page", "bbox"))
