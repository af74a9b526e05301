"""The desktop app (PySide6): main window, models, actions, undoable commands, background tasks."""
