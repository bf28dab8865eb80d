"""PDF → disclosure-v1 dict. Pure Python: nothing here imports Django."""
from .disclosure import FORMAT, parse
from .errors import ParseError

__all__ = ["FORMAT", "ParseError", "parse"]
