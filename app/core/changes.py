"""What one edit changed on a page, so that each view updates only that (like Anki's `OpChanges`).

An edit (`app.core.edits`) returns a new `Page` in which every item it did not touch is the very same
object as before, so what changed follows from identity: `apply(page, op, ...)` runs an edit and returns
its `ItemChanges`, the page before and after with the items added, removed and changed (by id), whether
the item order changed, and the item to show next. `changed_spans` gives the source text whose tint may
differ. (The difference from the automatic split is another question, answered by `app.core.diff`.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .page import Block, Page, Span


@dataclass(frozen=True)
class ItemChanges:
    """The outcome of one edit: the page before and after, and what differs between them."""

    before: Page
    page: Page  # after the edit
    added: tuple[int, ...] = ()  # item ids, in the new page's order
    removed: tuple[int, ...] = ()
    changed: tuple[int, ...] = ()  # items on both pages that are another object, or hold a changed correction
    reordered: bool = False  # the items that stayed are in another order
    focus: int | None = None  # the item to show after the edit

    @property
    def empty(self) -> bool:
        return self.page is self.before

    @property
    def text_changed(self) -> bool:
        """Corrections changed (the text an item shows, not its structure)."""
        return self.page.corrections != self.before.corrections

    @property
    def structure(self) -> bool:
        """Blocks moved between items or roles changed: the source needs new tints somewhere."""
        return bool(self.changed_spans())

    def reversed(self, focus: int | None) -> ItemChanges:
        """The changes of undoing this edit, showing `focus` afterwards."""
        return ItemChanges(self.page, self.before, self.removed, self.added, self.changed, self.reordered, focus)

    def changed_spans(self) -> list[Span]:
        """Source spans whose tint may differ: the items added, removed or given other blocks or another
        kind, text taken out of (or back into) every item, and corrections added or removed."""
        return list(self._spans)

    @cached_property
    def _spans(self) -> tuple[Span, ...]:
        old = {it.id: it for it in self.before.items}
        new = {it.id: it for it in self.page.items}
        blocks: list[Block] = []
        for item_id in self.removed:
            blocks += old[item_id].blocks
        for item_id in self.added:
            blocks += new[item_id].blocks
        for item_id in self.changed:
            a, b = old[item_id], new[item_id]
            if a.blocks != b.blocks or a.kind is not b.kind:
                blocks += a.blocks + b.blocks
        if self.before.unassigned != self.page.unassigned:
            blocks += self.before.unassigned + self.page.unassigned
        spans = [sp for b in blocks for sp in b.spans]
        fixes = set(self.before.corrections) ^ set(self.page.corrections)
        spans += [(c.start, c.end) for c in fixes]
        return tuple(sorted(set(spans)))


def between(before: Page, after: Page, focus: int | None = None, focus_new: bool = False) -> ItemChanges:
    """What changed from `before` to `after`, with the item to show: with `focus_new` the first item the
    edit created; else `focus` if it is still there; else, when it went away, the item now at its place."""
    if after is before:
        return ItemChanges(before, after, focus=focus)
    old_ids = [it.id for it in before.items]
    old = {it.id: it for it in before.items}
    new_ids = [it.id for it in after.items]
    added = tuple(i for i in new_ids if i not in old)
    new_set = set(new_ids)
    removed = tuple(i for i in old_ids if i not in new_set)
    fixes = set(before.corrections) ^ set(after.corrections)
    changed = tuple(it.id for it in after.items if it.id in old and (old[it.id] is not it or any(
        s <= c.start and c.end <= e for c in fixes for b in it.blocks for s, e in b.spans)))
    reordered = [i for i in old_ids if i in new_set] != [i for i in new_ids if i in old]
    return ItemChanges(before, after, added, removed, changed, reordered,
                       _focus(before, after, focus, added if focus_new else ()))


def _focus(before: Page, after: Page, focus: int | None, created: tuple[int, ...]) -> int | None:
    if created:
        return created[0]
    if focus is None or any(it.id == focus for it in after.items):
        return focus
    if not after.items:
        return None
    gone_at = next((i for i, it in enumerate(before.items) if it.id == focus), 0)
    return after.items[min(gone_at, len(after.items) - 1)].id


def apply(page: Page, op: Callable[..., Any], *args: Any, focus: int | None = None,
          focus_new: bool = False) -> ItemChanges:
    """Run the edit `op(page, *args)` and say what it changed (see `between` for the focus).

    An edit that returns (page, notes), like `resplit`, gives its page. Raises what the edit raises."""
    result = op(page, *args)
    after = result[0] if isinstance(result, tuple) else result
    return between(page, after, focus, focus_new)

