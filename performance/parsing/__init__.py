"""Performance target tables (绩效目标表) → disclosure-v1 ``performance_targets``: see :mod:`.tables`."""
from .grid import header_columns, header_key
from .tables import parse_targets, title_scope
from .values import parse_target, parse_weight, split_evidence

__all__ = ["header_columns", "header_key", "parse_target", "parse_targets", "parse_weight",
           "split_evidence", "title_scope"]
