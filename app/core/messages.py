"""Sentences for people, kept as their English template and values (`Message`), so that an interface in
another language says the same thing: `str(message)` is the English sentence; the app's `i18n.say`
translates the template and each value (item labels are messages themselves; roles and kinds are words).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    template: str  # English, with {name} placeholders
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**{k: str(v) for k, v in self.params.items()})


def said(template: str, **params: Any) -> Message:
    return Message(template, params)
