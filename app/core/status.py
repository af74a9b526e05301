"""A page's review status, from the project file to the window: to do, in progress, done."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where an editor is with a page. The values are what the project file stores (`pages.status`)."""

    TODO = "todo"  # imported, not looked at
    IN_PROGRESS = "in_progress"  # saved with changes, not marked done
    DONE = "done"  # marked done: the quality report compares these with the automatic split
