"""Made-up page lines shared by the rule tests (`tests/core/test_passes.py`, `test_lines.py`): body text of
one column, wrapped at a full measure (WRAPPED, 19 cells) and at a narrow one (NARROW), and the lines read
with the roles the rules fix before anything else; and how often a reading of two interleaved made-up
articles switches between them (`test_chunks.py`, `test_bands.py`)."""

from __future__ import annotations

from app.core.layout import Ln, UnitKind, fixed_roles, read_lines

WRAPPED = [
    "企业发展需要资金支持，该行加大信贷投放",
    "力度，为小微企业送去金融活水，助力实体",
    "经济发展，取得了良好效果。该行还优化流",
    "程，缩短审批时间，提高服务效率，赢得客",
    "户的一致好评。今年以来，该行累计投放贷",
    "款十亿元，支持企业三百余家，成效明显。",
]
NARROW = ["企业发展需要资金支持，", "该行加大信贷投放力度，", "为小微企业送去金融活水，", "助力实体经济发展，取得",
          "了良好效果。该行还优化", "流程，缩短审批时间。"]


def fixed(text: str) -> tuple[tuple[Ln, ...], tuple[UnitKind, ...]]:
    """The page's lines and the roles `fixed_roles` gives them."""
    lines = read_lines(text)
    return lines, fixed_roles(lines)


def switches(texts: list[str], a_lines: list[str]) -> int:
    """How often the reading switches between two articles: consecutive lines of which one is article A's
    (`a_lines`) and the other not."""
    side = [t in a_lines for t in texts]
    return sum(1 for x, y in zip(side, side[1:], strict=False) if x != y)
