"""The desktop app (PySide6): main window, models, actions, undoable commands, background tasks."""

from .compat import guard_singletons

guard_singletons()
