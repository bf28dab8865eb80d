"""django-tables2's per-cell signature lookup, cached.

django-tables2 inspects the signature of a column's ``render``/``value`` method for every cell it
renders (``django_tables2.utils.signature``): on a list of 100 rows that is about a thousand
``inspect.signature`` calls, a fifth of the page's time. A function's parameters never change, so the
answer is cached per function, as Django caches its own (``django.utils.inspect``, ticket #31732).
"""
import functools

from django_tables2 import utils

uncached = utils.signature


@functools.cache
def function_signature(function):
    return uncached(function)


def signature(fn):
    """``utils.signature(fn)``, read from the cache by the function underneath a bound method."""
    function = getattr(fn, "__func__", None)
    if function is not None:  # a bound method: its function's parameters without the first (self, cls)
        args, keywords = function_signature(function)
        return args[1:], keywords
    try:
        return function_signature(fn)
    except TypeError:  # an unhashable callable
        return uncached(fn)


def install():
    """Point django-tables2 at the cached lookup (``call_with_appropriate`` reads the module global)."""
    utils.signature = signature
