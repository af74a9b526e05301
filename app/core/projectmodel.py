"""A paper's own split model: a CRF stacked on Newsdesk's two splits, learnt from that paper's corrected pages.

`ProjectModel` reads every piece's features (`app.core.features`) plus two readings of the page: the labels
its base model (the shipped one) gives the piece and its neighbours, and the labels the rule split's page
implies for them (`splitmodel.labels_of`). Learnt from a few pages of one paper, it keeps what either split
gets right on that paper (the rules are better on some papers, the shipped model on others) and learns where
this paper differs from both (its byline forms, its column width, where it puts headlines). A CRF only
gives labels it saw in training, so where the rules read a piece in a way they never read any of the pages
learnt from (an ad when none of those pages had one, an item without a headline), the model has learnt
nothing about that reading and the rules' labels stand, from the line where the rules open that item
(`FALLBACK`; the labels the rules gave the pages learnt from are kept in the model's info). And where both
readings agree, the model overrules them only when it is sure (`AGREED_MIN`): from a few pages its lone
departures from two agreeing splits are mostly wrong, and each breaks an article, while a way this paper
differs from both shows on every page and is learnt with confidence. It is a
`SplitModel`, so `label_page` and `split_page(model=...)` take it as they take the shipped model (it reads
the page through `tag_view`), and the decoder keeps every character whatever it says.

A model may read the rules' labels alone (READS in its info: `tools.build_model --stacked` builds one from the
shipped model's recipe). With no second split to agree with, it keeps the rules' labels but for each run of
pieces where it departs from them and is sure of every piece (`DEPART_MIN`), and a page where it takes no such
run is the rules' own page, not its labels decoded.

The model also holds the paper's profile of the rules (`app.core.profile`: values of the rule split's
parameters learnt from the same pages, in its info under PROFILE), and says which of the two it splits
with (USE): the CRF, or the rules with that profile (`newsdesk train` keeps whichever did better).

A project model file carries its base model inside it, so that it splits the same way after the shipped
model changes: a short header (magic, format, the two parts' sizes) followed by two split model files
(`SplitModel.to_bytes`), the base and the stacked CRF, each with its own checks. `read_model` reads either
kind of file; a truncated, foreign or outdated file raises `ModelError` with one line saying why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .features import Piece
from .layout import Ln
from .page import Page
from .profile import Profile
from .splitmodel import MAGIC, ModelError, PageView, SplitModel, decode, labels_of, shipped_model, train, view

PROJECT_MAGIC = b"NEWSDESK-PROJECT-MODEL\n"
PROJECT_FORMAT = 1
READINGS = ("base", "rules")  # the shipped model's labels, the rule split's labels (see `readings`)
REACH = (-1, 0, 1)  # a reading's labels of the piece and of its neighbours, read as features
# a stacked model learns from a few pages: a strong L1 keeps few of the page's own features beside the
# readings (on the seeds' hand gold and on typeset new papers it did best of the pairs tried), and L-BFGS
# has settled on 10 pages by 60 iterations (article F1 on 20 test pages of crlf-halfwidth, scrambled and
# interleaved after 60: 0.866, 0.442, 0.168; after 100: 0.865, 0.434, 0.158), in 60% of the time
C1 = 1.0
C2 = 0.01
MAX_ITERATIONS = 60
FALLBACK = "rules"  # the reading whose labels stand where the pages learnt from never showed them (see above)
SEEN = "rules_seen"  # the model's info: the labels the FALLBACK reading gave the pages learnt from
# where both readings give a piece the same label, the model's other label stands only with at least this
# marginal probability. On typeset new papers (crlf-halfwidth, scrambled, interleaved; 5, 10 and 20 pages
# learnt from) article F1 rose by 0.00 to 0.08 in eight of the nine cases (one -0.002) at any threshold from
# 0.6 to 1.0, even on interleaved, where the model was right at such pieces more often than the readings:
# a lone departure inside an article breaks it in two
AGREED_MIN = 0.8
PROFILE = "profile"  # the model's info: the paper's profile of the rules ({parameter: value})
READS = "readings"  # the model's info: the readings it reads, if not all of READINGS (a stacked model: rules)
# a model that reads the rules alone (`tools.build_model --stacked`) has no second split to agree with: where
# it departs from the rules, a run of such pieces takes its labels only when it is sure of each of them (its
# marginal probability, the lowest of the run, at least this; the model's info may set another,
# DEPART_KEY). Stacked on the recipe's pages, 445 of its 466 departures at 0.95 or above on typeset test pages
# were right, while none of its 42 on the seed pages left out of its training was (0.9 broke one seed's articles)
DEPART_MIN = 0.95
DEPART_KEY = "depart_min"
USE = "split"  # the model's info: "rules" when the project splits with its profiled rules, "roles" when the
# rules assemble the items from the CRF's line roles (`roles_split`), else the CRF


Readings = dict[str, list[str]]


@dataclass
class ProjectModel(SplitModel):
    """A CRF over a page's features and its readings (see the module docstring)."""

    base: SplitModel | None = field(default=None, repr=False, compare=False)

    @property
    def profile(self) -> Profile:
        """The paper's profile of the rules (empty: the rules' own values)."""
        return Profile.from_json(self.info.get(PROFILE) or {})

    @property
    def by_rules(self) -> bool:
        """Does the project split with its profiled rules rather than the CRF?"""
        return self.info.get(USE) == "rules"

    @property
    def by_roles(self) -> bool:
        """Does the project split with the rules assembling the items from the CRF's line roles?"""
        return self.info.get(USE) == "roles"

    def splitting_by_rules(self) -> ProjectModel:
        """This model, set to split with the profiled rules."""
        return ProjectModel(self.crf, dict(self.info, **{USE: "rules"}), base=self.base)

    def splitting_by_roles(self) -> ProjectModel:
        """This model, set to split with the rules assembling the items from its line roles."""
        return ProjectModel(self.crf, dict(self.info, **{USE: "roles"}), base=self.base)

    def split(self, name: str, text: str) -> Page:
        """The page split as this model splits: by the profiled rules, by the rules from its line roles, or by
        the CRF."""
        from .splitter import rule_split

        if self.by_rules:
            return rule_split(name, text, self.profile)
        v = view(text)
        if self.by_roles:
            return roles_split(name, text, v.lines, v.pieces, self.tag_view(v))
        if "base" not in self.reads:  # stacked on the rules alone: where it takes no departure, the rules' own page
            page = rule_split(name, text)
            rules = labels_of(page, v.pieces)
            labels = self.tag_read(v.features, {"rules": rules})
            if labels == rules:
                return page
        else:
            labels = self.tag_view(v)
        return decode(name, text, [ln.blank_before for ln in v.lines], v.pieces, labels)

    @property
    def reads(self) -> tuple[str, ...]:
        """The readings this model reads (all of READINGS but for a model stacked on the rules alone)."""
        return tuple(self.info.get(READS) or READINGS)

    def tag_view(self, v: PageView) -> list[str]:
        return self.tag_read(v.features, readings(v, self.base or shipped_model(), self.reads))

    def tag(self, features: list[list[str]], item_start: float | None = None) -> list[str]:
        raise TypeError("a project model reads the page, not its features alone: use tag_view")

    def tag_read(self, features: list[list[str]], read: Readings, item_start: float | None = None) -> list[str]:
        """The labels of a page's pieces whose readings are already known."""
        labels = super().tag(stacked(features, read, self.reads), item_start)
        seen = self.info.get(SEEN)
        if seen is None:  # a model saved before these rules: its own labels throughout
            return labels
        tagger = self.tagger()  # holds the marginals of the page just tagged
        known, learnt = set(seen), set(tagger.labels())
        rules = read[FALLBACK]
        if "base" not in self.reads:
            return _sure_departures(labels, rules, known, tagger, self.info.get(DEPART_KEY, DEPART_MIN))
        out = []
        for i, (label, own, other) in enumerate(zip(labels, rules, read["base"], strict=True)):
            if own not in known:
                label = own
                if i and rules[i - 1] in known and rules[i - 1].startswith("B_"):
                    out[i - 1] = rules[i - 1]  # ... from the line where the rules open its item (an ad's name)
            elif own == other != label and own in learnt and tagger.marginal(label, i) < AGREED_MIN:
                label = own
            out.append(label)
        return out

    def to_bytes(self) -> bytes:
        base = (self.base or shipped_model()).to_bytes()
        top = SplitModel(self.crf, self.info).to_bytes()
        header = {"format": PROJECT_FORMAT, "base": len(base), "model": len(top), "readings": list(READINGS)}
        return PROJECT_MAGIC + json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + base + top


def _sure_departures(labels: list[str], rules: list[str], known: set[str], tagger: Any,
                     least: float) -> list[str]:
    """The rules' labels, but for each run of pieces where the model departs from them and is sure of every
    piece of the run (a label the rules never gave the pages learnt from keeps the rules' label)."""
    out = list(rules)
    i, n = 0, len(labels)
    while i < n:
        if labels[i] == rules[i] or rules[i] not in known:
            i += 1
            continue
        j = i
        while j < n and labels[j] != rules[j] and rules[j] in known:
            j += 1
        if min(tagger.marginal(labels[k], k) for k in range(i, j)) >= least:
            out[i:j] = labels[i:j]
        i = j
    return out


def roles_split(name: str, text: str, lines: Sequence[Ln], pieces: Sequence[Piece], labels: Sequence[str]) -> Page:
    """The rule split with each line's kind taken from the role of its first piece's label (`labels`, one a
    piece): the rules decide where items begin, what heads what and the reading order, from those roles
    instead of the ones their own passes read (`splitter.label_kinds`, `splitter.given_kinds`). A model
    learnt from a few pages reads a paper's roles well and its item marks badly (README: Learning)."""
    from .splitter import label_kinds, label_opens, rule_split

    starts = [lines[p.line].start if p.first_of_line else None for p in pieces]
    return rule_split(name, text, kinds=label_kinds(starts, labels), opens=label_opens(starts, labels))


def readings(v: PageView, base: SplitModel | None, names: Sequence[str] = READINGS) -> Readings:
    """How Newsdesk's two splits read the page: the labels of the base model, and those of the rule split
    (only the readings `names`: a model stacked on the rules alone never runs the base model)."""
    from .splitter import rule_split

    read = {}
    if "base" in names:
        read["base"] = (base or shipped_model()).tag_view(v)
    if "rules" in names:
        read["rules"] = labels_of(rule_split("page", v.text), v.pieces)
    return read


def stacked(features: Sequence[list[str]], read: Readings, names: Sequence[str] = READINGS) -> list[list[str]]:
    """Each piece's features plus every reading's labels around it (the label, its role without the item
    mark, the pair it makes with the label before) and whether the readings agree on the piece."""
    n = len(features)
    out = []
    for i, own in enumerate(features):
        extra = []
        for name in names:
            labels = read[name]
            for offset in REACH:
                j = i + offset
                label = labels[j] if 0 <= j < n else "EDGE"
                extra.append(f"{name}[{offset}]={label}")
                extra.append(f"{name}_role[{offset}]={label.rpartition('_')[2]}")
            extra.append(f"{name}_pair={labels[i - 1] if i else 'EDGE'}|{labels[i]}")
        if len(names) > 1:
            mine = {read[name][i] for name in names}
            extra.append("readings_agree" if len(mine) == 1 else "readings_differ")
        out.append([*own, *extra])
    return out


Sequences = Iterable[tuple[list[list[str]], Readings, list[str]]]


def fit(sequences: Sequences, base: SplitModel | None = None, info: dict[str, Any] | None = None,
        reads: Sequence[str] = READINGS, c1: float = C1, max_iterations: int = MAX_ITERATIONS) -> ProjectModel:
    """A project model fit on (features, readings, true labels) of pages, reading `reads` of the readings;
    the same pages in the same order give the same model, byte for byte (crfsuite's L-BFGS is deterministic)."""
    sequences = list(sequences)
    info = dict(info or {}, **seen_info(sequences))
    if tuple(reads) != READINGS:
        info[READS] = list(reads)
    model = _train(sequences, info, reads, c1, max_iterations)
    return ProjectModel(model.crf, model.info, base=base or shipped_model())


def fit_crf(sequences: Sequences) -> bytes:
    """Only the stacked CRF of `fit` (what a worker process sends back; `seen_info` gives the rest)."""
    return _train(sequences, None).crf


def seen_info(sequences: Sequences) -> dict[str, list[str]]:
    """The model info that says which labels the FALLBACK reading gave the pages learnt from."""
    return {SEEN: sorted({label for _, read, _ in sequences for label in read[FALLBACK]})}


def _train(sequences: Sequences, info: dict[str, Any] | None, reads: Sequence[str] = READINGS, c1: float = C1,
           max_iterations: int = MAX_ITERATIONS) -> SplitModel:
    seqs = [(stacked(feats, read, reads), labels) for feats, read, labels in sequences]
    return train(None, info=info, c1=c1, c2=C2, max_iterations=max_iterations, sequences=seqs)


# --- files ----------------------------------------------------------------------------------------------
def read_model(data: bytes, source: str = "model") -> SplitModel:
    """A split model from a file's bytes: a project model (with its base inside) or a plain split model."""
    if data.startswith(MAGIC):
        return SplitModel.from_bytes(data, source)
    if not data.startswith(PROJECT_MAGIC):
        raise ModelError.said("{source}: not a Newsdesk split model", source=source)
    line, sep, rest = data[len(PROJECT_MAGIC):].partition(b"\n")
    try:
        header = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        header = None
    if not sep or not isinstance(header, dict) or not all(isinstance(header.get(k), int) for k in ("base", "model")):
        raise ModelError.said("{source}: the model's header is damaged", source=source)
    if header.get("format") != PROJECT_FORMAT or header.get("readings") != list(READINGS):
        raise ModelError.said("{source}: a project model of another version (format {found}; this Newsdesk "
                              "reads {known})", source=source, found=header.get("format"), known=PROJECT_FORMAT)
    if len(rest) != header["base"] + header["model"]:
        raise ModelError.said("{source}: the model file is truncated or damaged", source=source)
    base = SplitModel.from_bytes(rest[:header["base"]], source)
    top = SplitModel.from_bytes(rest[header["base"]:], source)
    model = ProjectModel(top.crf, top.info, base=base)
    try:
        model.profile  # noqa: B018 (read now, so that a damaged profile is named with its file)
    except ValueError as e:
        raise ModelError.said("{source}: the model's profile of the rules cannot be used ({problem})",
                              source=source, problem=str(e)) from None
    return model


def load_file(path: str | os.PathLike[str]) -> SplitModel:
    """A model file (ModelError naming the file if it cannot be used)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ModelError.said("{path}: {problem}", path=str(path), problem=e.strerror or str(e)) from None
    return read_model(data, str(path))


@lru_cache(maxsize=4)
def cached_file(path: str) -> SplitModel:
    """`load_file`, once per process (the workers of a batch each read the model once)."""
    return load_file(path)


def worker_model(path: str | None) -> SplitModel | None:
    """The model a batch worker splits with: the file `path` (read once per process), or the shipped model
    if it cannot be used (the batch said so once before it started); None stays None."""
    if path is None:
        return None
    try:
        return cached_file(path)
    except ModelError:
        return shipped_model()
