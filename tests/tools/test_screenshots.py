"""tools/screenshots.py: the README's pictures can be rebuilt, at the size and in the language asked."""

from __future__ import annotations

import os

from PySide6.QtGui import QImage

from tools.screenshots import shoot


def test_the_pictures_are_rebuilt_at_their_size(qtbot, tmp_path) -> None:  # noqa: ANN001
    before = os.environ.get("NEWSDESK_PROJECT")
    written = shoot(tmp_path, sizes=((1400, 900),), languages=("zh",))
    assert [p.name for p in written] == ["window-zh-1400x900.png"]
    image = QImage(str(written[0]))
    assert (image.width(), image.height()) == (1400, 900)
    assert os.environ.get("NEWSDESK_PROJECT") == before
