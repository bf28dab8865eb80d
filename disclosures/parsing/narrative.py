"""The explanations around the tables: document facts, overview, projects, other matters."""


def parse_document(pages, tables):
    return {"kind": "budget", "fiscal_year": None, "department": None, "amount_unit": None, "published_on": None}


def parse_overview(pages, document):
    return {"functions": None, "offices": [], "units": [], "staffing": {}}


def parse_projects(pages):
    return []


def parse_other_matters(pages):
    return {}


def parse_sections(pages):
    return []
