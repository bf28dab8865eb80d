"""PDF → disclosure-v1 dict. Pure Python: nothing here imports Django or another app.

Parts other apps read are parsed by those apps' parsers, registered in :mod:`parts`.
"""
from .disclosure import FORMAT, parse
from .errors import ParseError

__all__ = ["FORMAT", "ParseError", "parse"]
