"""Files for the background-import tests: a good disclosure-v1 JSON file and a bad one."""
import copy
import json


def good_file(directory, parsed, name="good.json", year=None):
    """The sample disclosure as a JSON file; another ``year`` makes it another file."""
    data = copy.deepcopy(parsed)
    if year is not None:
        data["document"]["fiscal_year"] = year
    path = directory / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def bad_file(directory, name="bad.pdf"):
    path = directory / name
    path.write_bytes(b"%PDF-1.4 this is not a PDF at all")
    return path
