"""What an editor changed against the automatic split: a Qt-free comparison (like Picard's TagDiff).

`diff_pages(auto, edited)` compares the two pages of one text character by character: which automatic item
held each visible character against which edited item (or `unassigned`) holds it now, and with what role.
From that it reports items split, merged, text moved or deleted, roles relabelled, reading order changed,
plus hand-set fields, kinds and text corrections. `revert_change` undoes one change where that is well
defined on its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .edits import clear_field, item_label, relabel, remove_correction
from .errors import EditError
from .metadata import auto_record
from .page import Kind, Origin, Page, Role

CHANGE_KINDS = ("split", "merge", "moved", "relabel", "field", "correction", "kind", "deleted", "order")


@dataclass(frozen=True)
class Change:
    """One difference between the automatic split and the edited page."""

    kind: str  # one of CHANGE_KINDS
    item_id: int | None  # the edited item it concerns (None: page level or unassigned)
    description: str
    detail: dict[str, Any] = field(default_factory=dict)


def _owners(page: Page) -> tuple[dict[int, int | None], dict[int, tuple[int, Role]]]:
    """Per visible character offset: the item id holding it (None: unassigned) and (block id, role)."""
    item_of: dict[int, int | None] = {}
    block_of: dict[int, tuple[int, Role]] = {}
    owners: list[tuple[int | None, Any]] = [(it.id, b) for it in page.items for b in it.blocks]
    owners += [(None, b) for b in page.unassigned]
    for item_id, b in owners:
        for s, e in b.spans:
            for i in range(s, e):
                if not page.text[i].isspace():
                    item_of[i] = item_id
                    block_of[i] = (b.id, b.role)
    return item_of, block_of


def _n(count: int) -> str:
    return f"{count} character{'s' if count != 1 else ''}"


def diff_pages(auto: Page, edited: Page) -> list[Change]:
    """The changes that turn the automatic split `auto` into `edited` (same text), in a stable order."""
    if auto.text != edited.text:
        raise EditError(f"cannot compare page {edited.name} with a split of a different text")
    a_item, a_block = _owners(auto)
    e_item, e_block = _owners(edited)
    pairs: Counter[tuple[int, int | None]] = Counter()
    for i, aid in a_item.items():
        if aid is not None and i in e_item:
            pairs[(aid, e_item[i])] += 1
    by_auto: dict[int, Counter[int | None]] = defaultdict(Counter)
    by_edit: dict[int | None, Counter[int]] = defaultdict(Counter)
    for (aid, eid), n in pairs.items():
        by_auto[aid][eid] += n
        by_edit[eid][aid] += n

    def main_of(aid: int) -> int | None:  # the edited item that continues auto item `aid`
        held = by_auto[aid]
        live = {eid: n for eid, n in held.items() if eid is not None}
        if aid in live:
            return aid
        return max(live, key=lambda eid: (live[eid], -eid)) if live else None

    def origin_of(eid: int) -> int | None:  # the auto item that edited item `eid` grew from
        held = by_edit.get(eid, Counter())
        if eid in held:
            return eid
        return max(held, key=lambda aid: (held[aid], -aid)) if held else None

    auto_label = {it.id: item_label(auto, it) for it in auto.items}
    edit_label = {it.id: item_label(edited, it) for it in edited.items}
    changes: list[Change] = []
    for (aid, eid), n in sorted(pairs.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else kv[0][1])):
        if eid is None:
            whole = n == sum(by_auto[aid].values())
            text = (f"{auto_label[aid]} was deleted" if whole
                    else f"{_n(n)} of {auto_label[aid]} were taken out of every item")
            changes.append(Change("deleted", None, text + " (the text is unassigned)",
                                  {"auto_item": aid, "chars": n, "whole": whole}))
            continue
        main, origin = main_of(aid), origin_of(eid)
        if main == eid and origin == aid:
            continue
        if main != eid and origin == aid:
            changes.append(Change("split", eid, f"{auto_label[aid]} was split: {edit_label[eid]} is a new part",
                                  {"auto_item": aid, "chars": n}))
        elif main == eid:
            into = edit_label[eid]
            changes.append(Change("merge", eid, f"{auto_label[aid]} was merged into {into}",
                                  {"auto_item": aid, "chars": n}))
        else:
            changes.append(Change("moved", eid, f"{_n(n)} of {auto_label[aid]} were moved to {edit_label[eid]}",
                                  {"auto_item": aid, "chars": n}))
    changes += _relabels(edited, a_block, e_item, edit_label)
    changes += _order(auto, edited, a_item, a_block, origin_of, edit_label)
    changes += _hand_set(auto, edited, origin_of, edit_label)
    return changes


def _relabels(edited: Page, a_block: dict[int, tuple[int, Role]], e_item: dict[int, int | None],
              edit_label: dict[int, str]) -> list[Change]:
    out = []
    for it in edited.items:
        for b in it.blocks:
            roles = Counter(a_block[i][1] for s, e in b.spans for i in range(s, e) if i in a_block)
            if not roles:
                continue
            old = roles.most_common(1)[0][0]
            if old is not b.role:
                words = edited.block_text(b, " ")
                words = words if len(words) <= 16 else words[:16] + "…"
                out.append(Change("relabel", it.id, f"“{words}” in {edit_label[it.id]} relabelled from {old} "
                                  f"to {b.role}", {"block_id": b.id, "old": str(old), "new": str(b.role)}))
    return out


def _order(auto: Page, edited: Page, a_item: dict[int, int | None], a_block: dict[int, tuple[int, Role]],
           origin_of: Any, edit_label: dict[int, str]) -> list[Change]:
    out = []
    auto_items = [it.id for it in auto.items]
    auto_blocks = {b.id: n for n, b in enumerate(b for it in auto.items for b in it.blocks)}
    for it in edited.items:  # reading order inside an item: the text of each auto item in its auto order
        ranks: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
        for b in it.blocks:
            first = next((i for s, e in b.spans for i in range(s, e) if i in a_block), None)
            if first is not None:
                ranks[a_item[first]].append((auto_blocks.get(a_block[first][0], 0), first))
        if any(rank != sorted(rank) for rank in ranks.values()):
            out.append(Change("order", it.id, f"the reading order of {edit_label[it.id]} was changed",
                              {"block_ids": [b.id for b in it.blocks]}))
    seq = [origin_of(it.id) for it in edited.items]
    seq = [auto_items.index(a) for a in seq if a is not None]
    if seq != sorted(seq):
        out.append(Change("order", None, f"the items of page {edited.name} were put in another order",
                          {"item_ids": [it.id for it in edited.items]}))
    return out


def _hand_set(auto: Page, edited: Page, origin_of: Any, edit_label: dict[int, str]) -> list[Change]:
    out = []
    auto_kind = {it.id: it.kind for it in auto.items}
    for it in edited.items:
        origin = origin_of(it.id)
        was = auto_kind.get(origin) if origin is not None else None
        continues = origin == it.id or it.kind_origin is Origin.EDITOR  # not a split-off part's new kind
        if was is not None and it.kind is not was and continues:
            out.append(Change("kind", it.id, f"{edit_label[it.id]} is now {it.kind} (was {was})",
                              {"old": str(was), "new": str(it.kind)}))
        if it.fields:
            derived = auto_record(edited, it)
            for key, value in it.fields.items():
                shown = value if isinstance(value, str) else "、".join(
                    v["name"] if isinstance(v, dict) else str(v) for v in value)
                out.append(Change("field", it.id, f"the {key} of {edit_label[it.id]} was set by hand to “{shown}”",
                                  {"field": key, "value": value,
                                   "auto": None if key == "tags" else derived.value(key)}))
    auto_fixes = set(auto.corrections)
    for c in edited.corrections:
        if c not in auto_fixes:
            it, _ = edited.owner_of(c.start)
            where = f" in {edit_label[it.id]}" if it is not None else ""
            out.append(Change("correction", it.id if it else None, f"“{c.old}” corrected to “{c.new}”{where}",
                              {"start": c.start, "end": c.end, "old": c.old, "new": c.new}))
    return out


def revert_change(auto: Page, edited: Page, change: Change) -> Page:
    """Undo one change on the edited page: a field goes back to automatic, a correction is removed, a kind
    or a role goes back to the automatic one. Structural changes cannot be undone alone (EditError)."""
    if change.kind == "field":
        return clear_field(edited, _item_id(change), change.detail["field"])
    if change.kind == "correction":
        return remove_correction(edited, change.detail["start"], change.detail["end"])
    if change.kind == "kind":
        item = edited.item(_item_id(change))
        back = item.with_(kind=Kind(change.detail["old"]), kind_origin=Origin.AUTO)
        return edited.with_(items=[back if it.id == item.id else it for it in edited.items])
    if change.kind == "relabel":
        return relabel(edited, change.detail["block_id"], Role(change.detail["old"]))
    raise EditError.said("a “{kind}” change cannot be undone on its own: {change}", kind=change.kind,
                          change=change.description)


def _item_id(change: Change) -> int:
    if change.item_id is None:
        raise EditError(f"the change “{change.description}” names no item")
    return change.item_id
