"""The guard against PySide6 6.12's lost references to None on Python 3.11 (see app/ui/compat.py)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget

import app.ui  # noqa: F401  (importing the UI applies the guard)
from app.ui import compat


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_none_survives_many_calls_of_void_methods(qtbot) -> None:  # noqa: ANN001
    assert compat._done
    widget = QWidget()
    qtbot.addWidget(widget)
    for i in range(20000):  # far more than None's natural reference count in a fresh process
        widget.setEnabled(i % 2 == 0)
    assert sys.getrefcount(None) > 1 << 39
