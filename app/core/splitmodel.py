"""The learned split's model: a linear-chain CRF (python-crfsuite) over a page's pieces, its training and its file.

- `training_pairs`-style data is (page text, true `Page`) pairs: typeset pages with their gold, hand-made gold
  aligned to its page (`alignment.align_gold`), or an editor's corrected pages (issue 10).
- `train(pairs, ...)` fits a `SplitModel`; `SplitModel.to_bytes()` / `SplitModel.from_bytes()` move it in and
  out of a file or a project's table; `shipped_model()` is the one inside the package, loaded once per process.
- `label_page(text, model)` gives each piece of a page its label; `decode.decode` turns them into the page.

A model file is a short header (magic, format version, feature version, a checksum of the CRF bytes, the labels
and what the model was trained on) followed by crfsuite's own model bytes. A truncated, foreign or outdated file
raises `ModelError` with one line saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .decode import decode
from .errors import NewsdeskError
from .features import FEATURES_VERSION, Piece, page_pieces, piece_features, piece_roles
from .layout import Ln
from .page import Page, Role

MAGIC = b"NEWSDESK-SPLIT-MODEL\n"
FORMAT_VERSION = 1
SHIPPED = Path(__file__).resolve().parent / "models" / "split.model"
# training parameters (crfsuite's L-BFGS with elastic-net regularization): L1 keeps the model small
C1 = 0.05
C2 = 0.01
MAX_ITERATIONS = 200


class ModelError(NewsdeskError):
    """A split model file that cannot be used (not a model, truncated, another version)."""


@dataclass
class SplitModel:
    crf: bytes
    info: dict[str, Any] = field(default_factory=dict)
    _tagger: Any = field(default=None, repr=False, compare=False)

    def to_bytes(self) -> bytes:
        header = dict(self.info, format=FORMAT_VERSION, features=FEATURES_VERSION,
                      sha256=hashlib.sha256(self.crf).hexdigest(), size=len(self.crf))
        return MAGIC + json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" + self.crf

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "model") -> SplitModel:
        if not data.startswith(MAGIC):
            raise ModelError(f"{source}: not a Newsdesk split model")
        rest = data[len(MAGIC):]
        line, sep, crf = rest.partition(b"\n")
        try:
            header = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ModelError(f"{source}: the model's header is damaged") from None
        if not sep or not isinstance(header, dict):
            raise ModelError(f"{source}: the model's header is damaged")
        if header.get("format") != FORMAT_VERSION or header.get("features") != FEATURES_VERSION:
            raise ModelError(f"{source}: a model of another version (format {header.get('format')}, "
                             f"features {header.get('features')}; this Newsdesk reads {FORMAT_VERSION}, "
                             f"{FEATURES_VERSION})")
        if len(crf) != header.get("size") or hashlib.sha256(crf).hexdigest() != header.get("sha256"):
            raise ModelError(f"{source}: the model file is truncated or damaged")
        info = {k: v for k, v in header.items() if k not in ("format", "features", "sha256", "size")}
        model = cls(crf, info)
        model.tagger()  # fails now, with the source named, rather than on the first page
        return model

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SplitModel:
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise ModelError(f"{path}: {e.strerror or e}") from None
        return cls.from_bytes(data, str(path))

    def save(self, path: str | os.PathLike[str]) -> None:
        Path(path).write_bytes(self.to_bytes())

    def tagger(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            try:
                tagger.open_inmemory(self.crf)
            except (ValueError, OSError) as e:
                raise ModelError(f"the CRF in the model cannot be read: {e}") from None
            self._tagger = tagger
        return self._tagger

    def tag_view(self, v: PageView) -> list[str]:
        """The labels of a page's pieces (a model that reads more than the features, such as a project's
        model, `app.core.projectmodel`, reads it off the page here)."""
        return self.tag(v.features)

    def tag(self, features: list[list[str]], item_start: float | None = None) -> list[str]:
        """The best labels; a piece whose chance of opening an item reaches `item_start` (default: the
        model's calibrated `item_start` threshold) opens one even where the single best path says no."""
        if not features:
            return []
        tagger = self.tagger()
        labels = list(tagger.tag(features))
        threshold = self.info.get("item_start", 0.5) if item_start is None else item_start
        if threshold >= 0.5:
            return labels
        starts = [lab for lab in tagger.labels() if lab.startswith("B_")]
        for i, lab in enumerate(labels):
            if lab.startswith(("B_", "R_")) or lab.split("_")[-1] not in _MAY_OPEN:
                continue
            probs = {b: tagger.marginal(b, i) for b in starts}
            if sum(probs.values()) >= threshold:
                labels[i] = max(probs, key=probs.__getitem__)
        return labels


@lru_cache(maxsize=1)
def shipped_model() -> SplitModel:
    """The model inside the package, read once per process."""
    return SplitModel.load(SHIPPED)


@lru_cache(maxsize=4)
def load_model(path: str) -> SplitModel:
    """A model file, read once per process (ModelError if it cannot be used)."""
    return SplitModel.load(path)


_MAY_OPEN = {"SECTION", "KICKER", "TITLE", "SUBTITLE", "SUBHEAD", "BYLINE", "BODY", "HCONT"}
HEADINGS = (Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE, Role.SUBHEAD)


# --- labels ---------------------------------------------------------------------------------------------
def labels_of(page: Page, pieces: Sequence[Piece]) -> list[str]:
    """The true label of each piece, read off a page model (see `decode` for what the labels mean).

    A piece of an item other than the one the piece before went to says so: `B_` when its item has not been
    seen yet, `R_` when the item was opened earlier (the other half of two articles printed side by side,
    the rest of an article after a headline or a caption set inside it). Captions and their credit lines
    float: a caption of the item in hand changes nothing, one of another item opens (`B_CAPTION`) or resumes
    (`R_CAPTION`) that item, as a caption printed above its headline or inside the neighbouring article."""
    owners = piece_roles(page, pieces)
    out: list[str] = []
    prev_item: int | None = None
    seen: set[int] = set()
    last_body: dict[int, int] = {}

    def prefix(k: int) -> str:
        return "" if k == prev_item else "R_" if k in seen else "B_"

    for i, (k, role, block) in enumerate(owners):
        prev = owners[i - 1] if i else None
        if role is Role.FURNITURE:
            out.append("FURNITURE")
            continue
        if role is Role.CAPTION:
            if prev is not None and prev[2] == block:
                out.append("CAPCONT")
                continue
            out.append(prefix(k) + "CAPTION")
            prev_item = k
            seen.add(k)
            continue
        if role is Role.BYLINE and prev is not None and prev[1] is Role.CAPTION and prev[0] == k:
            out.append("CREDIT")  # a photo credit printed on the line under its caption
            continue
        if role in HEADINGS and prev is not None and prev[2] == block:
            out.append("HCONT")  # the next line of a two-line title or subhead
            prev_item = k
            continue
        if role is Role.BODY:
            core = "CONT" if last_body.get(k) == block else "BODY"
            last_body[k] = block
        elif role is Role.AD:
            core = "AD"
        else:
            core = role.name
        out.append(prefix(k) + core)
        prev_item = k
        seen.add(k)
    return out


# --- features of a page -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PageView:
    """What the model reads of one page: its lines, pieces and their features."""

    text: str
    lines: tuple[Ln, ...]
    pieces: list[Piece]
    features: list[list[str]]


def view(text: str) -> PageView:
    lines, pieces = page_pieces(text)
    return PageView(text, lines, pieces, piece_features(text, lines, pieces))


def label_page(name: str, text: str, model: SplitModel) -> Page:
    """The learned split of one page with `model` (a project model may split with the rules instead, with
    its paper's profile of them: `ProjectModel.split`)."""
    own = getattr(model, "split", None)
    if own is not None:
        return own(name, text)
    v = view(text)
    labels = model.tag_view(v)
    return decode(name, text, [ln.blank_before for ln in v.lines], v.pieces, labels)


# --- training -------------------------------------------------------------------------------------------
def training_sequence(text: str, page: Page) -> tuple[list[list[str]], list[str]]:
    """(features, labels) of one page whose true page model is `page`."""
    v = view(text)
    return v.features, labels_of(page, v.pieces)


def train(pairs: Iterable[tuple[str, Page]], info: dict[str, Any] | None = None, c1: float = C1,
          c2: float = C2, max_iterations: int = MAX_ITERATIONS,
          sequences: Iterable[tuple[list[list[str]], list[str]]] | None = None) -> SplitModel:
    """Fit a model on (page text, true page model) pairs (or on ready `sequences` of features and labels).

    L-BFGS is deterministic: the same pages in the same order give the same model, byte for byte."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for feats, labels in (sequences if sequences is not None else (training_sequence(t, p) for t, p in pairs)):
        if feats:
            trainer.append(feats, labels)
            n += 1
    if not n:
        raise ModelError("no pages to learn from")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory(prefix="newsdesk-train-") as tmp:
        path = os.path.join(tmp, "model.crfsuite")
        trainer.train(path)
        crf = Path(path).read_bytes()
    return SplitModel(crf, dict(info or {}, pages=n))

