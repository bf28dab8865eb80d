"""PDF → disclosure-v1 dict. Pure Python: nothing here imports Django.

``parse`` is loaded on first use, so that ``performance.parsing`` (which ``parse`` calls)
can itself import the helpers of this package without an import cycle.
"""
from .errors import ParseError

__all__ = ["FORMAT", "ParseError", "parse"]


def __getattr__(name):
    if name in ("parse", "FORMAT"):
        from . import disclosure

        return getattr(disclosure, name)
    raise AttributeError(name)
