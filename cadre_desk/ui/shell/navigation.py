"""The left navigation beside the page stack: which pages the main window has, in which order, which
one is shown, and which page shows a kind of record.

A page is added under a key (`add`); one added outside the navigation (the welcome page) can be shown
but has no entry. The navigation only reports the entry the user chose (`chosen`); the window decides
whether the page on screen may be left and what showing a page involves (`MainWindow.show_page`).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QWidget

from cadre_desk.ui.shell.page import Page


class Navigation(QSplitter):
    """The navigation list (`entries`) and the page stack (`stack`), side by side."""

    chosen = Signal(str)  # the key of the entry the user selected (not yet shown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("navSplitter")
        self._pages: dict[str, Page] = {}
        self._keys: list[str] = []  # the pages with an entry, in order
        self.stack = QStackedWidget(self)
        self.entries = QListWidget(self)
        self.entries.setObjectName("navigation")
        self.entries.setIconSize(QSize(20, 20))
        self.entries.setMinimumWidth(120)
        self.entries.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        self.entries.currentItemChanged.connect(self._entry_changed)
        self.addWidget(self.entries)
        self.addWidget(self.stack)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.setSizes([150, 1200])

    def add(self, key: str, title: str, page: Page, in_navigation: bool = True) -> None:
        self._pages[key] = page
        self.stack.addWidget(page)
        if in_navigation:
            item = QListWidgetItem(title, self.entries)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self._keys.append(key)

    def page(self, key: str) -> Page:
        return self._pages[key]

    def pages(self) -> Iterator[Page]:
        """Every page, with an entry or not."""
        return iter(self._pages.values())

    def keys(self) -> list[str]:
        """The keys of the pages with an entry, in order."""
        return list(self._keys)

    def current(self) -> str:
        """The key of the page shown ("" before the first)."""
        widget = self.stack.currentWidget()
        return next((key for key, page in self._pages.items() if page is widget), "")

    def item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.entries.count()):
            item = self.entries.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def title(self, key: str) -> str:
        item = self.item(key)
        return item.text() if item is not None else key

    def show_page(self, key: str, entry: str) -> None:
        """Put page `key` on top of the stack and select `entry` (the page's, or the entry a page
        without one stands in for) without reporting it as chosen."""
        self.stack.setCurrentWidget(self._pages[key])
        item = self.item(entry)
        if item is not None and self.entries.currentItem() is not item:
            self.select(entry)

    def select(self, key: str) -> None:
        """Select the entry of `key` without reporting it as chosen."""
        item = self.item(key)
        if item is not None:
            blocked = self.entries.blockSignals(True)
            self.entries.setCurrentItem(item)
            self.entries.blockSignals(blocked)

    def page_for(self, kind: str) -> str | None:
        """The key of the page that shows records of `kind` (a cadre: the roster, with the profile)."""
        return next((key for key in self._keys if kind in self._pages[key].record_kinds), None)

    def _entry_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str) and self.stack.currentWidget() is not self._pages[key]:
            self.chosen.emit(key)
