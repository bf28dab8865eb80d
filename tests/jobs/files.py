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


def run_upload(client, url, data, capture):
    """POST an upload whose jobs run (eagerly) once committed, as a worker would run them; the page it
    leads to (the job page with its preview or its failure) is returned with ``.job_url``."""
    with capture(execute=True):
        response = client.post(url, data)
    if response.status_code != 302:
        return response
    page = client.get(response["Location"])
    page.job_url = response["Location"]
    return page
