"""Widgets and table plumbing shared by several pages: tables, paged models, pickers, small dialogs."""
