"""A guard against a reference-count bug of the PySide6 6.12 abi3 wheels on Python 3.11.

On Python 3.11, every call of a PySide6 6.12.0 method that returns nothing (`setEnabled`, `setText`, ...)
drops one reference to `None` that it never took (3.12+ is unaffected: `None` is immortal there). A
session of a few thousand such calls then aborts with "none_dealloc: deallocating None". Until a fixed
PySide6 is pinned, `guard_singletons()` gives `None`, `True` and `False` a very large reference count,
which is what Python 3.12 does for them (PEP 683), so they can never be freed.
"""

from __future__ import annotations

import ctypes
import platform
import sys

_BOOST = 1 << 40  # references; about 10^12 buggy calls before anything could go wrong
_done = False


def guard_singletons() -> bool:
    """Make None/True/False effectively immortal on CPython < 3.12; True if it did anything."""
    global _done
    if _done or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    before = sys.getrefcount(None)
    field = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of a release-build object
    field.value += _BOOST
    if abs(sys.getrefcount(None) - before - _BOOST) > 1000:  # not the layout we expect (debug build): undo
        field.value -= _BOOST
        return False
    for obj in (True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _BOOST
    _done = True
    return True
