"""The dependency direction: performance imports disclosures, never the other way round."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Still imports performance.parsing until the parser-side change lands; strict, so this case fails
# (XPASS) the moment it no longer imports performance: then delete this entry.
PENDING = {"disclosures/parsing/disclosure.py"}


def imported(path):
    """The top-level package of every import in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def sources(package):
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def cases():
    for path in sources("disclosures"):
        name = str(path.relative_to(ROOT))
        marks = [pytest.mark.xfail(strict=True, reason="parser side not yet moved")] if name in PENDING else []
        yield pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", list(cases()))
def test_disclosures_does_not_import_performance(path):
    assert "performance" not in set(imported(path))


def test_performance_plugs_into_disclosures():
    assert any("disclosures" in set(imported(path)) for path in sources("performance"))
