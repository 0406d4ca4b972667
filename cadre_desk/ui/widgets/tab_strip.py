"""A tab strip that wraps onto a second row instead of scrolling: for a QTabWidget with many tabs.

The profile has eleven tabs, most with a count (`简历（10）`); in a 600-pixel panel a QTabBar needs
scroll arrows and hides half of them. `TabStrip.attach(tabs)` hides the tab widget's own bar and
shows one checkable button per tab in a `FlowLayout`, kept in step with the tab widget (current
tab both ways, texts through `sync_texts()`). The QTabWidget stays the owner of pages and texts, so
`setCurrentWidget`, `tabText`, `indexOf` and Ctrl+Tab work as before.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QWidget,
)

from cadre_desk.ui.widgets.permits import Act, tag

STRIP_STYLE = """
QToolButton#tabStripButton { border: none; border-bottom: 2px solid transparent; padding: 3px 7px; }
QToolButton#tabStripButton:hover { background: palette(midlight); }
QToolButton#tabStripButton:checked { border-bottom: 2px solid palette(highlight); color: palette(highlight); }
"""


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next row when the width runs out (Qt's flow layout)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # Qt returns None past the end
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items (if `move`) and return the height they need at this width."""
        area = rect.marginsRemoved(self.contentsMargins())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and row_height > 0:
                x, y = area.x(), y + row_height + self._spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        margins: QMargins = self.contentsMargins()
        return y + row_height - rect.y() + margins.bottom()


class TabStrip(QWidget):
    """The buttons standing in for a QTabWidget's tab bar (see the module notes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tabStrip")
        self.setStyleSheet(STRIP_STYLE)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self._clicked)
        self._tabs: QTabWidget | None = None
        self.buttons: list[QToolButton] = []

    def attach(self, tabs: QTabWidget) -> None:
        """Take over from the tab bar of `tabs` (call once every tab has been added)."""
        self._tabs = tabs
        tabs.tabBar().hide()
        for index in range(tabs.count()):
            button = QToolButton(self)
            button.setObjectName("tabStripButton")
            tag(Act.VIEW, button)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+Tab switches, as with a tab bar
            self._group.addButton(button, index)
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.sync_texts()
        tabs.currentChanged.connect(self._current_changed)
        self._current_changed(tabs.currentIndex())

    def sync_texts(self) -> None:
        if self._tabs is None:
            return
        changed = False
        for index, button in enumerate(self.buttons):
            text = self._tabs.tabText(index)
            if button.text() != text:
                button.setText(text)
                changed = True
        if changed:
            self._layout.invalidate()
            self.updateGeometry()

    def _clicked(self, index: int) -> None:
        if self._tabs is not None:
            self._tabs.setCurrentIndex(index)

    def _current_changed(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)
