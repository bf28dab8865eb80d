"""How headings, list items and numbered rows are numbered in print: 第一部分/第一章, 一、, （一）, 1., (1).

Each pattern is defined here once; the parser and the checks import it from here.
"""
import re

# Numbering that opens a heading or a list item of the running text.
HEADING_MARK = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)])"
)
ITEM_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[、.．)）]|[（(]\s*\d{1,2}\s*[)）])(?![\d.．])\s*")
# Where a 目录 entry's number stands: "1. ", "4．", "一、".
CONTENTS_NUMBER = re.compile(r"(?<![\d.．])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]\s*")
# Text that opens a row of its own (so it is not the rest of a cell cut by a page break).
ROW_OPENER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）]|其中)")
# A table row's name numbered 一、 (a group) or 1. (an item of a group).
CHINESE_ITEM = re.compile(r"^[一二三四五六七八九十]+、")
ARABIC_ITEM = re.compile(r"^\d+\s*[.．、]")
# The numbering a quoted figure's label may open with (cut from its subject).
ENUMERATION = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]+、|\d{1,2}[、.．])")
# An item of a list starts at a number after a sentence end.
ITEM_START = re.compile(r"(?:^|(?<=[。；：]))(?=\d{1,2}[、.．]\D|[（(][一二三四五六七八九十]{1,3}[)）])")
# Where a numbered item (1、 1. (1)) of a list run into one paragraph starts: at its start or after a clause.
LIST_ITEM_START = re.compile(r"(?:^|(?<=[。；;，,\s]))(?=\d{1,2}\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）])")
