"""Cadre Desk (干部成长档案台)."""

__version__ = "0.1.0"
