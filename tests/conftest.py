"""Shared fixtures: hand-built pages with known structure, and the sample pages on disk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from app.core.page import Block, Item, Kind, Page, Role

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
SAMPLE_PATHS = sorted(SAMPLE_DIR.glob("*.txt"))

ItemSpec = tuple[Kind, Sequence[tuple[Role, str]]]


def build_page(items: Sequence[ItemSpec], name: str = "test.txt", sep: str = "\n") -> Page:
    """A page whose text is the blocks' texts line after line (a blank line between items); each block is
    one span over its text, which may hold several lines. Item ids and block ids count from 0."""
    parts: list[str] = []
    pos = 0
    built: list[Item] = []
    next_block = 0
    for item_id, (kind, blocks) in enumerate(items):
        if parts:
            parts.append(sep)
            pos += len(sep)
        made = []
        for role, text in blocks:
            text = text.replace("\n", sep)
            made.append(Block(next_block, role, ((pos, pos + len(text)),)))
            next_block += 1
            parts.append(text + sep)
            pos += len(text) + len(sep)
        built.append(Item(item_id, kind, tuple(made)))
    return Page(name, "".join(parts), tuple(built))


STANDARD_ITEMS: list[ItemSpec] = [
    (Kind.NEWS, [
        (Role.TITLE, "荆州中医外科首次亮相"),
        (Role.BYLINE, "□ 记者 张三 通讯员 何 勇"),
        (Role.BODY, "本报讯 第一段第一行，\n第一段第二行，\n第一段第三行。"),
        (Role.BODY, "第二段全 面 规 范。"),
    ]),
    (Kind.FEATURE, [
        (Role.TITLE, "春天的故事"),
        (Role.BODY, "正文一行，\n正文二行。"),
        (Role.CAPTION, "图为活动现场。李四 摄"),
    ]),
    (Kind.FURNITURE, [(Role.FURNITURE, "责任编辑：成青")]),
]


@pytest.fixture
def make_page() -> Callable[..., Page]:
    """`make_page(items, name=..., sep=...)`: see `build_page`."""
    return build_page


@pytest.fixture
def page() -> Page:
    """Three items: a news item (title, byline, two paragraphs), a feature with a caption, furniture."""
    return build_page(STANDARD_ITEMS)


@pytest.fixture(params=SAMPLE_PATHS, ids=lambda p: p.name)
def sample_path(request: pytest.FixtureRequest) -> Path:
    return request.param
