"""Parsers of the disclosure's parts that other apps read (the performance app's targets).

An app registers ``parse_fn(pages, warnings)`` under the disclosure-v1 key it fills, from
its ``AppConfig.ready()``; :func:`~disclosures.parsing.parse` runs every registered parser
over the pages. The app imports this package, this package never imports the app.
"""
# The disclosure-v1 keys parts fill: an empty list while no parser is registered for one,
# so a parse without the app (plain Python, the benchmarks) still gives every key.
KEYS = ("performance_targets",)
PARSERS = {}


def register(name, parse_fn):
    """Have every parse fill the key ``name`` with ``parse_fn(pages, warnings)``; re-registering replaces."""
    PARSERS[name] = parse_fn


def parse_parts(pages, warnings):
    """``{name: value}``: [] for every key of :data:`KEYS`, then each registered part in registration order."""
    parsed = {key: [] for key in KEYS}
    parsed.update((name, parse_fn(pages, warnings)) for name, parse_fn in PARSERS.items())
    return parsed
