"""Performance target tables (绩效目标表) → disclosure-v1 ``performance_targets``."""


def parse_targets(pages, warnings):
    return []
