"""What an editor changed against the automatic split: a Qt-free comparison (like Picard's TagDiff).

The one answer to "what did the editor change", for the changes view and the quality report alike.
`diff_pages(auto, edited)` compares the two pages of one text character by character (`Alignment`): which
automatic item held each visible character against which edited item (or `unassigned`) holds it now, and
with what role. From that it reports items split, merged, text moved or deleted, roles relabelled,
reading order changed, plus hand-set fields, kinds and text corrections, each a `Change` of a
`ChangeKind`. `revert_change` undoes one change where that is well defined on its own.

The rule for split, merge and moved text: each automatic item continues in the edited item that holds
most of its text, and each edited item grew from the automatic item that gave it most of its text. Text
of an automatic item in an edited item that grew from it, but is not where the item continues, is a
split-off part; text of an automatic item in the item it continues in, which grew from another item, is
a merge; any other text that changed items was moved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .edits import HEADLINE_ROLES, clear_field, item_label, relabel, remove_correction
from .errors import EditError
from .messages import Message, said
from .metadata import auto_record, item_numbers
from .page import Block, Kind, Origin, Page, Role

NOBODY = -1  # an offset no block holds (whitespace between blocks)
UNASSIGNED = -2  # an offset held by a block of `Page.unassigned`


class ChangeKind(StrEnum):
    SPLIT = "split"
    MERGE = "merge"
    MOVED = "moved"
    RELABEL = "relabel"
    FIELD = "field"
    CORRECTION = "correction"
    KIND = "kind"
    DELETED = "deleted"
    ORDER = "order"
    JOINED = "paragraphs joined"
    PARAGRAPH_SPLIT = "paragraph split"


CHANGE_KINDS = tuple(ChangeKind)
REVERTIBLE = frozenset({ChangeKind.FIELD, ChangeKind.CORRECTION, ChangeKind.KIND, ChangeKind.RELABEL})


@dataclass(frozen=True)
class Change:
    """One difference between the automatic split and the edited page, said as a `Message`."""

    kind: ChangeKind
    item_id: int | None  # the edited item it concerns (None: page level or unassigned)
    said: Message
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """The change in English."""
        return str(self.said)

    @property
    def revertible(self) -> bool:
        return self.kind in REVERTIBLE


# --- who holds each character -----------------------------------------------------------------------
_spaces: dict[str, list[int]] = {}


def _whitespace(text: str) -> list[int]:
    """The offsets of the text's whitespace characters (cached for the last texts compared)."""
    hit = _spaces.get(text)
    if hit is None:
        if len(_spaces) > 8:
            _spaces.clear()
        hit = _spaces[text] = [i for i, c in enumerate(text) if c.isspace()]
    return hit


@dataclass
class Holders:
    """Per character offset of one page: the item holding it (NOBODY, UNASSIGNED), its block and role."""

    item: list[int]
    block: list[int]
    role: list[Role | None]

    @classmethod
    def of(cls, page: Page) -> Holders:
        n = len(page.text)
        item, block, role = [NOBODY] * n, [NOBODY] * n, [None] * n
        owners: list[tuple[int, Block]] = [(it.id, b) for it in page.items for b in it.blocks]
        owners += [(UNASSIGNED, b) for b in page.unassigned]
        for item_id, b in owners:
            for s, e in b.spans:
                item[s:e] = [item_id] * (e - s)
                block[s:e] = [b.id] * (e - s)
                role[s:e] = [b.role] * (e - s)
        for i in _whitespace(page.text):
            item[i], block[i], role[i] = NOBODY, NOBODY, None
        return cls(item, block, role)

    def first_held(self, block: Block) -> int | None:
        """The block's first offset that a block of this page holds."""
        for s, e in block.spans:
            for i in range(s, e):
                if self.block[i] != NOBODY:
                    return i
        return None


class Alignment:
    """The automatic and the edited page of one text, character by character: how many characters of each
    automatic item each edited item holds, where each automatic item continues, where each edited item
    grew from."""

    def __init__(self, auto: Page, edited: Page) -> None:
        if auto.text != edited.text:
            raise EditError.said("cannot compare page {page} with a split of a different text", page=edited.name)
        self.auto, self.edited = auto, edited
        self.a, self.e = Holders.of(auto), Holders.of(edited)
        self.pairs: Counter[tuple[int, int]] = Counter(
            (a, e) for a, e in zip(self.a.item, self.e.item, strict=True) if a >= 0 and e != NOBODY)
        self.by_auto: dict[int, Counter[int]] = defaultdict(Counter)
        self.by_edit: dict[int, Counter[int]] = defaultdict(Counter)
        for (aid, eid), n in self.pairs.items():
            self.by_auto[aid][eid] += n
            self.by_edit[eid][aid] += n

    def continues_in(self, aid: int) -> int | None:
        """The edited item that continues automatic item `aid` (None: all its text was taken out)."""
        live = {eid: n for eid, n in self.by_auto[aid].items() if eid != UNASSIGNED}
        if aid in live:
            return aid
        return max(live, key=lambda eid: (live[eid], -eid)) if live else None

    def grew_from(self, eid: int) -> int | None:
        """The automatic item that edited item `eid` grew from (None: it holds no automatic item's text)."""
        held = self.by_edit.get(eid, Counter())
        if eid in held:
            return eid
        return max(held, key=lambda aid: (held[aid], -aid)) if held else None


def diff_pages(auto: Page, edited: Page) -> list[Change]:
    """The changes that turn the automatic split `auto` into `edited` (same text), in a stable order."""
    al = Alignment(auto, edited)
    auto_no, edit_no = item_numbers(auto), item_numbers(edited)
    auto_label = {it.id: item_label(auto, it, number=auto_no[it.id]) for it in auto.items}
    edit_label = {it.id: item_label(edited, it, number=edit_no[it.id]) for it in edited.items}
    changes: list[Change] = []
    for (aid, eid), n in sorted(al.pairs.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] < 0 else kv[0][1])):
        if eid == UNASSIGNED:
            whole = n == sum(al.by_auto[aid].values())
            text = (said("{item} was deleted (the text is unassigned)", item=auto_label[aid]) if whole else
                    said("1 character of {item} was taken out of every item (the text is unassigned)" if n == 1
                         else "{n} characters of {item} were taken out of every item (the text is unassigned)",
                         n=n, item=auto_label[aid]))
            changes.append(Change(ChangeKind.DELETED, None, text, {"auto_item": aid, "chars": n, "whole": whole}))
            continue
        main, origin = al.continues_in(aid), al.grew_from(eid)
        if main == eid and origin == aid:
            continue
        detail = {"auto_item": aid, "chars": n}
        if main != eid and origin == aid:
            changes.append(Change(ChangeKind.SPLIT, eid, said("{item} was split: {part} is a new part",
                                                              item=auto_label[aid], part=edit_label[eid]), detail))
        elif main == eid:
            changes.append(Change(ChangeKind.MERGE, eid, said("{item} was merged into {into}", item=auto_label[aid],
                                                              into=edit_label[eid]), detail))
        else:
            changes.append(Change(ChangeKind.MOVED, eid, said(
                "1 character of {item} was moved to {into}" if n == 1
                else "{n} characters of {item} were moved to {into}", n=n, item=auto_label[aid],
                into=edit_label[eid]), detail))
    changes += _relabels(al, edit_label, auto_label)
    changes += _paragraphs(al, edit_label)
    changes += _order(al, edit_label)
    changes += _hand_set(al, edit_label)
    return changes


def _words(page: Page, block: Block, width: int = 16) -> str:
    words = page.block_text(block, " ")
    return words if len(words) <= width else words[:width] + "…"


def _relabels(al: Alignment, edit_label: dict[int, Message], auto_label: dict[int, Message]) -> list[Change]:
    out = []
    for it in al.edited.items:
        for b in it.blocks:
            roles: Counter[Role | None] = Counter()
            for s, e in b.spans:
                roles.update(al.a.role[s:e])
            roles.pop(None, None)
            if not roles:
                continue
            old = roles.most_common(1)[0][0]
            if old is not b.role:
                words = _words(al.edited, b)
                came_from = al.a.item[al.a.first_held(b) or b.start]
                if old in HEADLINE_ROLES and b.role is Role.SUBHEAD and came_from >= 0 and (
                        came_from != al.grew_from(it.id)):  # merge_items keeps the first item's headline
                    text = said("the headline “{words}” of {old_item} is now a subhead of {item}", words=words,
                                old_item=auto_label[came_from], item=edit_label[it.id])
                else:
                    text = said("“{words}” in {item} relabelled from {old} to {new}", words=words,
                                item=edit_label[it.id], old=old, new=b.role)
                detail = {"block_id": b.id, "old": str(old), "new": str(b.role)}
                if text.template.startswith("the headline"):
                    detail["merged_headline"] = True
                out.append(Change(ChangeKind.RELABEL, it.id, text, detail))
    return out


def _paragraphs(al: Alignment, edit_label: dict[int, Message]) -> list[Change]:
    """Paragraphs joined (an edited block holding text of two or more automatic blocks of its role) and
    split (an automatic block whose text of its role is in two or more blocks of one edited item)."""
    out = []
    parts: dict[tuple[int, int], set[int]] = defaultdict(set)  # (auto block, edited item) -> edited blocks
    auto_blocks = {b.id: b for b in al.auto.all_blocks()}
    for it in al.edited.items:
        for b in it.blocks:
            sources: set[int] = set()
            for s, e in b.spans:
                for i in range(s, e):
                    if al.a.role[i] is b.role:
                        sources.add(al.a.block[i])
            for source in sources:
                parts[(source, it.id)].add(b.id)
            if len(sources) > 1:
                out.append(Change(ChangeKind.JOINED, it.id, said(
                    "{n} paragraphs of {item} were joined into one: “{words}”", n=len(sources),
                    item=edit_label[it.id], words=_words(al.edited, b)),
                    {"block_id": b.id, "paragraphs": len(sources)}))
    for (source, item_id), blocks in sorted(parts.items()):
        if len(blocks) > 1:
            out.append(Change(ChangeKind.PARAGRAPH_SPLIT, item_id, said(
                "a paragraph of {item} was split into {n}: “{words}”", n=len(blocks), item=edit_label[item_id],
                words=_words(al.auto, auto_blocks[source])), {"auto_block": source, "paragraphs": len(blocks)}))
    return out


def _order(al: Alignment, edit_label: dict[int, Message]) -> list[Change]:
    out = []
    auto_items = [it.id for it in al.auto.items]
    auto_blocks = {b.id: n for n, b in enumerate(b for it in al.auto.items for b in it.blocks)}
    for it in al.edited.items:  # reading order inside an item: the text of each auto item in its auto order
        ranks: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for b in it.blocks:
            first = al.a.first_held(b)
            if first is not None:
                ranks[al.a.item[first]].append((auto_blocks.get(al.a.block[first], 0), first))
        if any(rank != sorted(rank) for rank in ranks.values()):
            out.append(Change(ChangeKind.ORDER, it.id, said("the reading order of {item} was changed",
                                                            item=edit_label[it.id]),
                              {"block_ids": [b.id for b in it.blocks]}))
    seq = [al.grew_from(it.id) for it in al.edited.items]
    seq = [auto_items.index(a) for a in seq if a is not None]
    if seq != sorted(seq):
        out.append(Change(ChangeKind.ORDER, None, said("the items of page {page} were put in another order",
                                                       page=al.edited.name),
                          {"item_ids": [it.id for it in al.edited.items]}))
    return out


def _hand_set(al: Alignment, edit_label: dict[int, Message]) -> list[Change]:
    out = []
    edited = al.edited
    auto_kind = {it.id: it.kind for it in al.auto.items}
    for it in edited.items:
        origin = al.grew_from(it.id)
        was = auto_kind.get(origin) if origin is not None else None
        continues = origin == it.id or it.kind_origin is Origin.EDITOR  # not a split-off part's new kind
        if was is not None and it.kind is not was and continues:
            out.append(Change(ChangeKind.KIND, it.id, said("{item} is now {new} (was {old})", item=edit_label[it.id],
                                                           new=it.kind, old=was),
                              {"old": str(was), "new": str(it.kind)}))
        if it.fields:
            derived = auto_record(edited, it)
            for key, value in it.fields.items():
                shown = value if isinstance(value, str) else "、".join(
                    v["name"] if isinstance(v, dict) else str(v) for v in value)
                out.append(Change(ChangeKind.FIELD, it.id,
                                  said("the {field} of {item} was set by hand to “{value}”", field=said(key),
                                       item=edit_label[it.id], value=shown),
                                  {"field": key, "value": value,
                                   "auto": None if key == "tags" else derived.value(key)}))
    auto_fixes = set(al.auto.corrections)
    for c in edited.corrections:
        if c not in auto_fixes:
            it, _ = edited.owner_of(c.start)
            text = (said("“{old}” corrected to “{new}” in {item}", old=c.old, new=c.new, item=edit_label[it.id])
                    if it is not None else said("“{old}” corrected to “{new}”", old=c.old, new=c.new))
            out.append(Change(ChangeKind.CORRECTION, it.id if it else None, text,
                              {"start": c.start, "end": c.end, "old": c.old, "new": c.new}))
    return out


def revert_change(auto: Page, edited: Page, change: Change) -> Page:
    """Undo one change on the edited page: a field goes back to automatic, a correction is removed, a kind
    or a role goes back to the automatic one. Structural changes cannot be undone alone (EditError)."""
    if change.kind is ChangeKind.FIELD:
        return clear_field(edited, _item_id(change), change.detail["field"])
    if change.kind is ChangeKind.CORRECTION:
        return remove_correction(edited, change.detail["start"], change.detail["end"])
    if change.kind is ChangeKind.KIND:
        item = edited.item(_item_id(change))
        back = item.with_(kind=Kind(change.detail["old"]), kind_origin=Origin.AUTO)
        return edited.with_(items=[back if it.id == item.id else it for it in edited.items])
    if change.kind is ChangeKind.RELABEL:
        return relabel(edited, change.detail["block_id"], Role(change.detail["old"]))
    raise EditError.said("a “{kind}” change cannot be undone on its own: {change}", kind=str(change.kind),
                          change=change.said)


def _item_id(change: Change) -> int:
    if change.item_id is None:
        raise EditError.said("the change “{change}” names no item", change=change.said)
    return change.item_id
