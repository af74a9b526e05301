"""How far the automatic split was from the editor's result: the quality report.

`score` reimplements the measures of the shared `score_split.py` (articles recovered, headline and title
accuracy, author F1, paragraph F1, caption F1, caption leaks, stray breaks), with the editor's pages as the gold standard and the
automatic split as the prediction. `fix_counts` names the kinds of fix an editor made to get from one to
the other (split, merge, moved text, relabel, kind, taken out, reading order, field edits, text
corrections), from `app.core.diff`, the comparison the changes view shows. Every row of the report has
its words for people (`MEASURE_WORDS`, `fix_said`): `format_report` prints them, and the app says the same
words in its language.
Plain functions over page models and records; no store, no Qt.
"""

from __future__ import annotations

import collections
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .diff import Change, ChangeKind, diff_pages
from .messages import Message, said
from .metadata import page_records
from .page import Kind, Page

ARTICLE_KINDS = {"news", "feature", "notice"}
NOT_ARTICLES = {"ad", "furniture"}
RECOVERED = 0.9  # body likeness at which a gold article counts as recovered
MATCHED = 0.5  # body likeness at which a matched item's headline, paragraphs and authors are compared
CAPTION_MATCH = 0.8  # likeness at which a predicted caption is the gold one
CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
STRAY_SPACE = re.compile(rf"[{CJK}][ \t\u3000]+[{CJK}0-9]|[0-9][ \t\u3000]+[{CJK}]")


# --- the measures of score_split.py ---------------------------------------------------------------
def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def paragraphs(body: str | Sequence[str] | None) -> list[str]:
    if body is None:
        return []
    if isinstance(body, str):
        return [p for p in body.split("\n") if p.strip()]
    return [p for p in body if p and p.strip()]


def bigrams(s: str) -> collections.Counter[str]:
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else collections.Counter([s])


def dice(a: collections.Counter[str], b: collections.Counter[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * sum((a & b).values()) / (sum(a.values()) + sum(b.values()))


def headline(item: Mapping[str, Any]) -> str:
    return norm("".join(item.get(k) or "" for k in ("kicker", "title", "subtitle")))


def author_set(authors: Iterable[Any] | None) -> set[tuple[str, str]]:
    out = set()
    for a in authors or []:
        if isinstance(a, Mapping):
            out.add((norm(a.get("name")), norm(a.get("role"))))
        else:
            out.add((norm(str(a)), ""))
    return out


def score(gold: Mapping[str, Mapping[str, Any]], pred: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """The measures of score_split.py: `gold` maps a page key to {"items": [...], "furniture": [...]},
    `pred` maps the same key to its predicted records."""
    counts = {page: page_counts(g, pred.get(page, [])) for page, g in gold.items()}
    result = measures(sum(counts.values(), collections.Counter()), len(gold))
    result["per_page"] = {page: {k: c[k] for k in ("gold", "pred", "recovered")} for page, c in counts.items()}
    return result


def page_counts(g: Mapping[str, Any], pred: Sequence[Mapping[str, Any]]) -> collections.Counter[str]:
    """What `score` counts on one page (gold in the gold file's shape, the page's predicted records): the
    counts of pages add up, and `measures` makes the scores of their sum."""
    t: collections.Counter[str] = collections.Counter()
    garts = [it for it in g["items"] if it.get("kind") in ARTICLE_KINDS]
    preds = [p for p in pred if p.get("kind", "news") not in NOT_ARTICLES]
    gb = [bigrams(norm("".join(paragraphs(it.get("body"))))) for it in garts]
    pb = [bigrams(norm("".join(paragraphs(p.get("body"))))) for p in preds]
    pairs = sorted(((dice(gb[i], pb[j]), i, j) for i in range(len(garts)) for j in range(len(preds))),
                   reverse=True)
    used_g, used_p, match = set(), set(), {}
    for s, i, j in pairs:
        if s <= 0 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        match[i] = (j, s)
    rec = 0
    for i, it in enumerate(garts):
        j, s = match.get(i, (None, 0.0))
        t["best"] += s
        rec += s >= RECOVERED
        p = preds[j] if j is not None else {}
        compared = j is not None and s >= MATCHED
        t["title_ok"] += compared and norm(p.get("title")) == norm(it.get("title"))
        t["head_ok"] += compared and headline(p) == headline(it)
        gp = _paragraph_counts(it)
        pp = _paragraph_counts(p) if compared else collections.Counter()
        t["para_tp"] += sum((gp & pp).values())
        t["para_g"] += sum(gp.values())
        t["para_p"] += sum(pp.values())
        ga, pa = author_set(it.get("authors")), author_set(p.get("authors")) if j is not None else set()
        t["auth_tp"] += len(ga & pa)
        t["auth_g"] += len(ga)
        t["auth_p"] += len(pa)
    t["gold"] += len(garts)
    t["pred"] += len(preds)
    t["recovered"] += rec
    bodies = "".join(norm("".join(paragraphs(p.get("body")))) for p in pred)
    for it in g["items"]:
        for c in it.get("captions", []):
            t["captions"] += 1
            t["caption_leaks"] += norm(c) in bodies
    gcap = [bigrams(norm(c)) for it in g["items"] for c in it.get("captions", []) if norm(c)]
    pcap = [bigrams(norm(c)) for p in pred for c in (p.get("captions") or []) if norm(c)]
    cpairs = sorted(((dice(a, b), i, j) for i, a in enumerate(gcap) for j, b in enumerate(pcap)), reverse=True)
    cap_g: set[int] = set()
    cap_p: set[int] = set()
    for c, i, j in cpairs:
        if c >= CAPTION_MATCH and i not in cap_g and j not in cap_p:
            cap_g.add(i)
            cap_p.add(j)
    t["cap_tp"] += len(cap_g)
    t["cap_g"] += len(gcap)
    t["cap_p"] += len(pcap)
    kept = {m.group()[0] + m.group()[-1] for m in STRAY_SPACE.finditer(json.dumps(g, ensure_ascii=False))}
    for p in pred:
        for para in paragraphs(p.get("body")):
            t["paras"] += 1
            t["stray"] += "\n" in para or any(
                m.group()[0] + m.group()[-1] not in kept for m in STRAY_SPACE.finditer(para))
    return t


def measures(t: collections.Counter[str], pages: int) -> dict[str, Any]:
    """The scores of the summed counts of `pages` pages (`page_counts`)."""
    P = t["recovered"] / t["pred"] if t["pred"] else 0.0
    R = t["recovered"] / t["gold"] if t["gold"] else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    ap = t["auth_tp"] / t["auth_p"] if t["auth_p"] else 0.0
    ar = t["auth_tp"] / t["auth_g"] if t["auth_g"] else 0.0
    return {
        "pages": pages, "gold_articles": t["gold"], "pred_items": t["pred"],
        "article_precision": round(P, 3), "article_recall": round(R, 3), "article_f1": round(F, 3),
        "mean_best_likeness": round(t["best"] / t["gold"], 3) if t["gold"] else 0.0,
        "headline_accuracy": round(t["head_ok"] / t["gold"], 3) if t["gold"] else 0.0,
        "title_accuracy": round(t["title_ok"] / t["gold"], 3) if t["gold"] else 0.0,
        "author_f1": round(2 * ap * ar / (ap + ar), 3) if ap + ar else 0.0,
        "paragraph_f1": _f1(t["para_tp"], t["para_g"], t["para_p"]),
        "caption_f1": _f1(t["cap_tp"], t["cap_g"], t["cap_p"]),
        "caption_leak_rate": round(t["caption_leaks"] / t["captions"], 3) if t["captions"] else 0.0,
        "stray_break_rate": round(t["stray"] / t["paras"], 3) if t["paras"] else 0.0,
    }


def _paragraph_counts(item: Mapping[str, Any]) -> collections.Counter[str]:
    """An item's body paragraphs and subheads, normalized, as a multiset."""
    return collections.Counter(norm(x) for x in paragraphs(item.get("body")) + list(item.get("subheads") or []))


def _f1(tp: int, gold: int, pred: int) -> float:
    if not gold and not pred:
        return 1.0
    return round(2 * tp / (gold + pred), 3)


def gold_of(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """An editor's page records in the gold file shape: items, and furniture as lines of text."""
    return {
        "items": [dict(r) for r in records if r["kind"] != str(Kind.FURNITURE)],
        "furniture": ["".join(r["body"]) for r in records if r["kind"] == str(Kind.FURNITURE)],
    }


# --- kinds of fix ---------------------------------------------------------------------------------
# the report's name of each kind of change (app.core.diff, the engine the changes view uses too)
FIX_NAMES = {
    ChangeKind.SPLIT: "split", ChangeKind.MERGE: "merge", ChangeKind.MOVED: "moved text",
    ChangeKind.RELABEL: "relabel", ChangeKind.KIND: "kind", ChangeKind.DELETED: "taken out",
    ChangeKind.CORRECTION: "correction", ChangeKind.ORDER: "reading order",
    ChangeKind.JOINED: "paragraphs joined", ChangeKind.PARAGRAPH_SPLIT: "paragraph split",
}


FIELD_FIX = "field: "  # the report's name of a field set by hand: "field: title"


def fix_name(change: Change) -> str:
    """The report's name of a change (its key in the report's JSON): its kind, or "field: title" for a
    field set by hand."""
    if change.kind is ChangeKind.FIELD:
        return f"{FIELD_FIX}{change.detail['field']}"
    return FIX_NAMES[change.kind]


def fix_counts(auto: Page, edited: Page) -> collections.Counter[str]:
    """The fixes that turn the automatic split into the editor's page, counted by kind (`diff_pages`). A
    merged item's second headline turned subhead is part of its merge, not a fix of its own."""
    return collections.Counter(fix_name(change) for change in diff_pages(auto, edited)
                               if not change.detail.get("merged_headline"))


def quality_report(pages: Iterable[tuple[Any, Page, Page]]) -> dict[str, Any]:
    """Score (page key, automatic split, editor's page) triples: the measures plus the fix counts."""
    gold: dict[str, dict[str, Any]] = {}
    pred: dict[str, list[dict[str, Any]]] = {}
    fixes: collections.Counter[str] = collections.Counter()
    for key, auto, edited in pages:
        k = str(key)
        gold[k] = gold_of(page_records(edited, with_tags=False))
        pred[k] = page_records(auto, with_tags=False)
        fixes += fix_counts(auto, edited)
    result = score(gold, pred)
    result["fixes"] = dict(fixes.most_common())
    return result


# --- the report in words -------------------------------------------------------------------------
# each measure of the report (its key in the JSON) in words, in the order people read them
MEASURE_WORDS = {
    "gold_articles": "Articles in the editor's result",
    "pred_items": "Items of the automatic split",
    "article_precision": "Articles recovered: precision",
    "article_recall": "Articles recovered: recall",
    "article_f1": "Articles recovered: F1",
    "mean_best_likeness": "Mean likeness of the best match",
    "headline_accuracy": "Headlines right",
    "title_accuracy": "Titles right",
    "author_f1": "Authors: F1",
    "paragraph_f1": "Paragraphs: F1",
    "caption_f1": "Captions: F1",
    "caption_leak_rate": "Captions leaked into body text",
    "stray_break_rate": "Paragraphs with stray breaks",
}
# each kind of fix (`fix_name`) in words
FIX_WORDS = {
    "split": "Item split", "merge": "Items merged", "relabel": "Text relabelled", "moved text": "Text moved",
    "kind": "Kind changed", "taken out": "Text taken out of every item", "correction": "Character corrected",
    "reading order": "Reading order changed", "paragraphs joined": "Paragraphs joined",
    "paragraph split": "Paragraph split",
}
# the fields an editor sets by hand, as the item editor names them
FIELD_WORDS = {"section": "Section", "kicker": "Kicker", "title": "Title", "subtitle": "Subtitle",
               "authors": "Authors", "tags": "Tags", "kind": "Kind"}
# the learning curve's columns: (key of a point of the curve, words)
CURVE_WORDS = (("pages", "Pages learnt from"), ("article_f1", "Articles F1"), ("headline_accuracy", "Headlines"),
               ("author_f1", "Authors F1"), ("paragraph_f1", "Paragraphs F1"))


def fix_said(name: str) -> Message:
    """A kind of fix (`fix_name`) in words: "Items merged", "Tags set by hand"."""
    if name.startswith(FIELD_FIX):
        field = name[len(FIELD_FIX):]
        return said("{field} set by hand", field=said(FIELD_WORDS.get(field, field)))
    return said(FIX_WORDS.get(name, name))


def value_text(value: Any) -> str:
    """A measure as the report shows it: rates and F1 to three places, counts as they are."""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _table(rows: Sequence[tuple[str, str]]) -> list[str]:
    width = max(len(label) for label, _ in rows)
    return [f"  {label:<{width}}  {value:>7}" for label, value in rows]


def format_report(result: Mapping[str, Any]) -> str:
    """The report as lines a person reads: every row in words (the JSON keeps the keys)."""
    if not result["pages"]:
        return "No page is marked done yet: nothing to compare."
    lines = [f"{result['pages']} page(s) marked done: the automatic split against the editor's result."]
    lines += _table([(words, value_text(result[key])) for key, words in MEASURE_WORDS.items() if key in result])
    lines.append("Most frequent fixes:")
    fixes = result.get("fixes") or {}
    lines += _table([(str(fix_said(name)), str(n)) for name, n in fixes.items()]) if fixes else ["  (none)"]
    learning = result.get("learning")
    if learning:
        used = "in use" if learning["used"] else "not used: no better than Newsdesk's own split"
        lines.append(f"Learning curve of the project's model ({learning['trained']}, {learning['pages']} page(s), "
                     f"{used}): split quality on pages marked done that it did not learn from; 0 pages: "
                     f"Newsdesk's own split.")
        widths = [max(len(words), 6) for _, words in CURVE_WORDS]
        lines.append("  " + "  ".join(f"{words:>{w}}" for (_, words), w in zip(CURVE_WORDS, widths, strict=True)))
        for point in learning["curve"]:
            lines.append("  " + "  ".join(f"{value_text(point.get(key, '')):>{w}}"
                                          for (key, _), w in zip(CURVE_WORDS, widths, strict=True)))
    return "\n".join(lines)
