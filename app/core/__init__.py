"""The Qt-free core: loading, the page model, the automatic split, metadata, edits and export writers."""
