"""Filling a filter's combo box again (after the data changed) without losing what the user chose."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
    """Replace the items of `combo` by `items` (text, data). The item chosen before stays chosen if its
    data is still there, else the first one; no change signal is emitted."""
    blocked = combo.blockSignals(True)
    try:
        current = combo.currentData()
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
    finally:
        combo.blockSignals(blocked)
