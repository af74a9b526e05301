"""Newsdesk: split digitized Chinese newspaper pages into a reviewed article corpus.

`RESOURCES` is the package's data folder, installed with it: the interface's translations
(`translations/zh.json`) and the sample pages (`sample_data/`, which the top-level `sample_data` of a
source checkout points to).
"""

from pathlib import Path

__version__ = "0.1.0"
RESOURCES = Path(__file__).resolve().parent / "resources"
SAMPLE_DATA = RESOURCES / "sample_data"
TRANSLATIONS = RESOURCES / "translations"
