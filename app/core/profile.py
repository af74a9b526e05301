"""A paper's profile of the rules: the rule split's named parameters fitted to that paper's corrected pages.

The rule split (`layout`, `assembly`, `splitter`) decides with named parameters: column tolerance, how many
lines a headline block may have, how wide a caption runs, which way the page prints its headlines... Their
values were chosen for papers in general. A `Profile` holds other values for some of them, learnt from one
paper's pages (`training.profile_search`): every page learnt from is split with each parameter at each of
its candidate values (`candidates`), and a value is kept only where it splits those pages clearly better
than the rules' own, so a profile learnt from pages the rules already split well is empty, and the profiled
rules are the rules. A dozen named parameters can be learnt from a few pages, where a model of the page from
scratch cannot; whether the profile is used is decided as for any model, by cross-validation.

`rule_split(name, text, profile)` splits a page with the profile's values in force. The values are the rule
modules' own constants, set for the duration of one split under a lock (every rule split takes it, so a
split without the profile never sees another thread's values; the rule passes are pure Python, so the lock
costs no parallelism). Everything is deterministic: the same pages give the same profile.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .page import Page

# the parameters a profile may set: the thresholds where the rules' split of one layout family or another
# turned when each was tried at other values (typeset pages of crlf-halfwidth, scrambled, interleaved;
# the others changed no page's split, or as often for the worse), read from their modules at each split
# (none of them cached by line text). Each is tried at half and twice its value (a share at half and one
# and a half times, within 0..1); DIRECTION at both fixed directions
NAMES = (
    # which way the page prints its headlines: None reads each page (the rules' default), True above their
    # bodies, False after them
    "assembly.DIRECTION",
    "layout.COLUMN_TOLERANCE", "layout.COLUMN_AGREEMENT", "layout.COLUMN_WINDOW", "layout.PARA_END_SHORTFALL",
    "layout.HEADLINE_BLOCK_LINES", "layout.HEADING_TAIL_WIDTH", "layout.CAPTION_SENTENCE_WIDTH",
    "layout.CAPTION_BLOCK_CHARS", "layout.INDENT_SHARE", "layout.DOUBLE_SPACED_SHARE",
    "assembly.CONTINUITY_SHARE", "assembly.CONTINUITY_BELOW", "assembly.TOPIC_MARGIN",
    "splitter.TITLE_MEASURE_MIN",
)
LADDER = (0.5, 2.0)
SHARE_LADDER = (0.5, 1.5)
SHARES = {"layout.COLUMN_AGREEMENT", "layout.INDENT_SHARE", "layout.DOUBLE_SPACED_SHARE",
          "assembly.CONTINUITY_SHARE", "assembly.TOPIC_MARGIN"}

_LOCK = threading.RLock()


def _module(name: str) -> Any:
    return importlib.import_module(f"{__package__}.{name.partition('.')[0]}")


def default(name: str) -> Any:
    """The rules' own value of a parameter (as its module holds it when no profile is in force)."""
    with _LOCK:
        return getattr(_module(name), name.partition(".")[2])


def candidates(name: str) -> tuple[Any, ...]:
    """The values `search` tries for a parameter besides its default."""
    d = default(name)
    if d is None or isinstance(d, bool):
        return tuple(v for v in (None, True, False) if v != d)
    values = []
    for f in SHARE_LADDER if name in SHARES else LADDER:
        v = d * f
        v = round(v) if isinstance(d, int) else round(min(v, 1.0) if name in SHARES else v, 3)
        if v != d and v not in values and v > 0:
            values.append(v)
    return tuple(values)


@dataclass(frozen=True)
class Profile:
    """Values of the rules' parameters for one paper (the ones it sets; the others keep the rules' own)."""

    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Profile:
        return cls(tuple(sorted(values.items())))

    def as_dict(self) -> dict[str, Any]:
        return dict(self.values)

    def with_value(self, name: str, value: Any) -> Profile:
        values = self.as_dict()
        if value == default(name):
            values.pop(name, None)
        else:
            values[name] = value
        return Profile.of(values)

    def to_json(self) -> dict[str, Any]:
        return self.as_dict()

    @classmethod
    def from_json(cls, data: Any) -> Profile:
        """A profile as stored (ValueError if it names a parameter this Newsdesk does not have or holds a
        value of another type than the parameter's)."""
        if not isinstance(data, dict):
            raise ValueError("a profile is a mapping of parameter names to values")
        for name, value in data.items():
            if name not in NAMES:
                raise ValueError(f"unknown rule parameter {name!r}")
            d = default(name)
            ok = (value is None or isinstance(value, bool)) if d is None or isinstance(d, bool) else (
                isinstance(value, int | float) and not isinstance(value, bool))
            if not ok:
                raise ValueError(f"rule parameter {name}: {value!r} is not a value it takes")
        return cls.of(data)

    def __bool__(self) -> bool:
        return bool(self.values)


@contextmanager
def applied(profile: Profile | None) -> Iterator[None]:
    """The profile's values in force (under the rules' lock) for the duration of the block."""
    with _LOCK:
        saved = []
        try:
            for name, value in (profile.values if profile else ()):
                module, attr = _module(name), name.partition(".")[2]
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, value)
            yield
        finally:
            for module, attr, value in reversed(saved):
                setattr(module, attr, value)


def rule_split(name: str, text: str, profile: Profile | None = None) -> Page:
    """The rule split of a page with `profile`'s values in force."""
    from .splitter import rule_split as split

    return split(name, text, profile)


class Trials:
    """The rule splits of many profiles of one set of pages (learning a profile): the first passes, which
    read only `layout`'s parameters, are run once per page for each set of their values, and the rest under
    each profile (a third of the trials change only the later passes' parameters)."""

    def __init__(self) -> None:
        self.units: dict[tuple[int, tuple[tuple[str, Any], ...]], Any] = {}

    def split(self, key: int, name: str, text: str, profile: Profile) -> Page:
        from .assembly import assemble
        from .splitter import rule_units, to_page

        early = tuple((k, v) for k, v in profile.values if k.startswith("layout."))
        with applied(profile):
            if (key, early) not in self.units:
                self.units[(key, early)] = rule_units(text)
            units, rank = self.units[(key, early)]
            return to_page(name, text, assemble(units), rank)
