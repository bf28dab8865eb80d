"""Parsers of the disclosure's parts that other apps read (the performance app's targets).

An app registers ``parse_fn(pages, warnings)`` under the disclosure-v1 key it fills, from
its ``AppConfig.ready()``; :func:`~disclosures.parsing.parse` runs every registered parser
over the pages. The app imports this package, this package never imports the app.
"""
PARSERS = {}


def register(name, parse_fn):
    """Have every parse fill the key ``name`` with ``parse_fn(pages, warnings)``; re-registering replaces."""
    PARSERS[name] = parse_fn


def parse_parts(pages, warnings):
    """``{name: value}`` of every registered part, in the order they were registered."""
    return {name: parse_fn(pages, warnings) for name, parse_fn in PARSERS.items()}
