"""One item's record: the fields of `newsdesk split`, typed and in column order, defined once.

`ItemRecord` is the record of one item (or furniture block): page, index, kind, the headline parts,
authors, subheads, body paragraphs, captions, tags and the spans it covers. Its dataclass fields are the
record's keys in column order, and each field says what its value is (`Value`: text, a list of texts,
authors, spans) and whether an editor may set it by hand. Everything that needs the field list takes it
from here: the JSON records (`to_dict`), the store's item rows, the export writers (CSV columns, the
Parquet schema), the checks of a hand-set value and the item editor. A new field is added here, and
derived in `app.core.metadata`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any

from .bylines import Author
from .page import Kind, Span


class Value(Enum):
    """What a record field holds (and so how it is written as JSON, a CSV cell or a Parquet column)."""

    TEXT = "text"  # one string
    INT = "int"
    KIND = "kind"  # a `Kind`, written as its name
    TEXTS = "texts"  # a list of strings
    AUTHORS = "authors"  # a list of {"name", "role"}
    SPANS = "spans"  # a list of [start, end] offsets into the page text

    @property
    def is_list(self) -> bool:
        return self in (Value.TEXTS, Value.AUTHORS, Value.SPANS)


def _field(value: Value, default: Any, editable: bool = False) -> Any:
    return field(default=default, metadata={"value": value, "editable": editable})


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """An item's record as `newsdesk split` prints it; lists are tuples, so a record is a value."""

    page: str = _field(Value.TEXT, "")
    index: int = _field(Value.INT, 0)
    kind: Kind = _field(Value.KIND, Kind.NEWS)
    section: str = _field(Value.TEXT, "", editable=True)
    kicker: str = _field(Value.TEXT, "", editable=True)
    title: str = _field(Value.TEXT, "", editable=True)
    subtitle: str = _field(Value.TEXT, "", editable=True)
    authors: tuple[Author, ...] = _field(Value.AUTHORS, (), editable=True)
    subheads: tuple[str, ...] = _field(Value.TEXTS, (), editable=True)
    body: tuple[str, ...] = _field(Value.TEXTS, (), editable=True)
    captions: tuple[str, ...] = _field(Value.TEXTS, (), editable=True)
    tags: tuple[str, ...] = _field(Value.TEXTS, (), editable=True)
    spans: tuple[Span, ...] = _field(Value.SPANS, ())

    def value(self, name: str) -> Any:
        """One field as plain JSON data (lists, author dicts, the kind's name)."""
        return _TO_JSON[FIELD_VALUES[name]](getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON data, keys in column order (the `newsdesk split` record)."""
        return {name: convert(getattr(self, name)) for name, convert in _CONVERTERS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ItemRecord:
        """A record from plain JSON data (`to_dict`, an export line); missing fields take their default."""
        return cls(**{name: _FROM_JSON[FIELD_VALUES[name]](data[name]) for name in COLUMNS if name in data})

    @property
    def headline(self) -> str:
        """The title, else the kicker, else the section banner."""
        return self.title or self.kicker or self.section

    @property
    def first_text(self) -> str:
        """The first paragraph, else the first caption, else the first subhead."""
        return next(iter(self.body or self.captions or self.subheads), "")

    def search_text(self) -> tuple[str, str]:
        """(headline, text) as the corpus search indexes them."""
        title = " ".join(x for x in (self.section, self.kicker, self.title, self.subtitle) if x)
        names = " ".join(a.name for a in self.authors)
        return title, "\n".join([*self.subheads, *self.body, *self.captions, names])


def _authors_from_json(value: Any) -> tuple[Author, ...]:
    return tuple(a if isinstance(a, Author) else Author(str(a["name"]), str(a["role"])) for a in value or ())


_TO_JSON = {
    Value.TEXT: lambda v: v,
    Value.INT: lambda v: v,
    Value.KIND: str,
    Value.TEXTS: list,
    Value.AUTHORS: lambda v: [a.as_dict() for a in v],
    Value.SPANS: lambda v: [[s, e] for s, e in v],
}
_FROM_JSON = {
    Value.TEXT: lambda v: "" if v is None else str(v),
    Value.INT: lambda v: int(v or 0),
    Value.KIND: Kind,
    Value.TEXTS: lambda v: tuple(str(x) for x in v or ()),
    Value.AUTHORS: _authors_from_json,
    Value.SPANS: lambda v: tuple((int(s), int(e)) for s, e in v or ()),
}

FIELD_VALUES: dict[str, Value] = {f.name: f.metadata["value"] for f in fields(ItemRecord)}
COLUMNS: tuple[str, ...] = tuple(FIELD_VALUES)  # the record's keys, in column order
LIST_FIELDS: tuple[str, ...] = tuple(n for n, v in FIELD_VALUES.items() if v.is_list)
EDITABLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ItemRecord) if f.metadata["editable"])
TEXT_FIELDS: tuple[str, ...] = tuple(n for n in EDITABLE_FIELDS if FIELD_VALUES[n] is Value.TEXT)
_CONVERTERS = tuple((name, _TO_JSON[value]) for name, value in FIELD_VALUES.items())


def editor_value(name: str, value: Any) -> Any:
    """A hand-set value (plain JSON, as `Item.fields` keeps it) as the record field holds it."""
    return _FROM_JSON[FIELD_VALUES[name]](value)
