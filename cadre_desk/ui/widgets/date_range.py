"""The From … to … filter of the diary and talk pages: two typed dates, either may stay empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from cadre_desk.domain.yearmonth import DateFormatError, parse_date


def parse_optional_date(text: str) -> dt.date | None:
    """A typed filter date, or None when empty; raises DateFormatError when unreadable."""
    return parse_date(text) if text.strip() else None


class DateRange(QWidget):
    """Two date fields; `edited` when either is left after typing. `dates()` reads them, or shows
    what is wrong in the `problem` label (hidden again once both are readable)."""

    edited = Signal()

    def __init__(self, problem: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem = problem
        self.date_from = QLineEdit(self)
        self.date_to = QLineEdit(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel(self.tr("to"), self))
        layout.addWidget(self.date_to)
        layout.addStretch(1)
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(self.tr("e.g. 2024.05.17"))
            edit.setClearButtonEnabled(True)
            edit.setMaximumWidth(150)
            edit.editingFinished.connect(self.edited.emit)

    def dates(self) -> tuple[dt.date | None, dt.date | None] | None:
        """(from, to), each None when empty; None (with the reason shown) while one is unreadable."""
        try:
            dates = parse_optional_date(self.date_from.text()), parse_optional_date(self.date_to.text())
        except DateFormatError as exc:
            self._problem.setText(self.tr("Date filter: {error}").format(error=str(exc)))
            self._problem.show()
            return None
        self._problem.hide()
        return dates

    def clear(self) -> None:
        self.date_from.clear()
        self.date_to.clear()
