"""The global search (Ctrl+F)."""
