"""Newsdesk: split digitized Chinese newspaper pages into a reviewed article corpus."""

__version__ = "0.1.0"
