"""The printed amount-unit line (单位：万元), in tables and in the running text."""
import re

# Beside a table's title, on normalised text.
UNIT_LINE = re.compile(r"单位[:：]\s*(万元|元|千元|亿元)")
# Anywhere in the running text or a cell, as printed.
UNIT_LABEL = re.compile(r"单位\s*[:：]\s*(亿元|万元|千元|元)")
