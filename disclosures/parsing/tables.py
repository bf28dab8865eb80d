"""The numbered budget tables (表1–表11): find them by title, map headers, read rows."""


def parse_tables(pages, warnings):
    return []
