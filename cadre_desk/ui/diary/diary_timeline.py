"""A timeline of diary entries (newest first) as cards, with the mentor's comments and a comment box.

Entries arrive a page at a time: the next page is fetched when the user scrolls to the end, so a
mentee with years of weekly entries opens as fast as one with a week of them.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import diary
from cadre_desk.services.context import ServiceContext

PAGE = 20
PREVIEW_CHARS = 400


class EntryCard(QFrame):
    """One entry: heading, text (folded when long), comments, and the action its state allows."""

    edit_requested = Signal(object)  # TimelineItem
    changed = Signal(int)  # entry id

    def __init__(
        self, ctx: ServiceContext, item: diary.TimelineItem, today: dt.date | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.item = item
        e = item.entry
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("diaryCard")
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{html.escape(e.title)}</b>", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        meta = QLabel(
            self.tr("{date} · {mentee} · {category} · {state} · {count} characters").format(
                date=f"{e.date:%Y.%m.%d}",
                mentee=e.mentee,
                category=e.category,
                state=e.state,
                count=e.word_count,
            ),
            self,
        )
        meta.setStyleSheet("color: #555;")
        layout.addWidget(title)
        layout.addWidget(meta)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text)
        self._folded = len(e.content) > PREVIEW_CHARS
        self.fold_button: QPushButton | None = None
        if self._folded:
            self.fold_button = QPushButton(self.tr("Show all"), self)
            self.fold_button.setFlat(True)
            self.fold_button.clicked.connect(self._toggle)
            layout.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_text()
        for c in e.comments:
            label = QLabel(
                self.tr("Comment by mentor {mentor} ({date}): {text}").format(
                    mentor=c.mentor, date=f"{c.date:%Y.%m.%d}", text=c.text
                ),
                self,
            )
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet("background: #f3f6fb; padding: 6px; border-left: 3px solid #4a78c2;")
            layout.addWidget(label)
        self.comment_box: QPlainTextEdit | None = None
        self.comment_button: QPushButton | None = None
        self.edit_button: QPushButton | None = None
        actions = QHBoxLayout()
        if e.state == vocab.DiaryState.DRAFT:
            self.edit_button = QPushButton(self.tr("Continue writing…"), self)
            self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.item))
            actions.addWidget(self.edit_button)
            actions.addStretch(1)
            layout.addLayout(actions)
        elif item.mentor_id is not None:
            self.comment_box = QPlainTextEdit(self)
            self.comment_box.setPlaceholderText(self.tr("Mentor's comment on this entry"))
            self.comment_box.setFixedHeight(self.fontMetrics().height() * 4 + 12)
            self.comment_button = QPushButton(self.tr("Comment as {mentor}").format(mentor=item.mentor), self)
            self.comment_button.clicked.connect(self.add_comment)
            self.comment_error = QLabel(self)
            self.comment_error.setStyleSheet("color: #b3261e;")
            self.comment_error.setWordWrap(True)
            self.comment_error.hide()
            layout.addWidget(self.comment_box)
            actions.addWidget(self.comment_error, 1)
            actions.addStretch(0)
            actions.addWidget(self.comment_button)
            layout.addLayout(actions)

    def _show_text(self) -> None:
        content = self.item.entry.content
        if self._folded:
            self.text.setText(content[:PREVIEW_CHARS] + "…")
            if self.fold_button is not None:
                self.fold_button.setText(self.tr("Show all"))
        else:
            self.text.setText(content)
            if self.fold_button is not None:
                self.fold_button.setText(self.tr("Show less"))

    def _toggle(self) -> None:
        self._folded = not self._folded
        self._show_text()

    def add_comment(self) -> None:
        assert self.comment_box is not None and self.item.mentor_id is not None
        text = self.comment_box.toPlainText()
        try:
            diary.add_comment(
                self._ctx, self.item.entry.id, diary.CommentInput(self.item.mentor_id, text, self._today)
            )
        except ValidationError as err:
            self.comment_error.setText(str(err))
            self.comment_error.show()
            return
        except (ConflictError, NotFoundError) as err:
            QMessageBox.warning(self, self.tr("Not saved"), str(err))
            return
        self.changed.emit(self.item.entry.id)


class DiaryTimeline(QScrollArea):
    """Cards for the entries `diary.timeline(**filters)` returns, fetched a page at a time."""

    edit_requested = Signal(object)
    changed = Signal()

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self._filters: dict[str, Any] | None = None
        self._more = False
        self.cards: list[EntryCard] = []
        self.setWidgetResizable(True)
        self.body = QWidget(self)
        self.column = QVBoxLayout(self.body)
        self.column.setSpacing(10)
        self.empty = QLabel(self.tr("No diary entries match."), self.body)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777; padding: 24px;")
        self.more_button = QPushButton(self.tr("Load older entries"), self.body)
        self.more_button.clicked.connect(self.load_more)
        self.column.addWidget(self.empty)
        self.column.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addStretch(1)
        self.setWidget(self.body)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.more_button.hide()

    def set_filters(self, filters: dict[str, Any] | None, empty_text: str = "") -> None:
        """`filters` are keyword arguments of `diary.timeline`; None shows only `empty_text`."""
        self._filters = filters
        self.empty.setText(empty_text or self.tr("No diary entries match."))
        self.reload()

    def reload(self) -> None:
        for card in self.cards:
            self.column.removeWidget(card)
            card.deleteLater()
        self.cards = []
        self._more = self._filters is not None
        if self._more:
            self.load_more()
        self._update()

    def load_more(self) -> None:
        if not self._more or self._filters is None:
            return
        items = diary.timeline(self._ctx, **self._filters, limit=PAGE, offset=len(self.cards))
        self._more = len(items) >= PAGE
        for item in items:
            card = EntryCard(self._ctx, item, self._today, self.body)
            card.edit_requested.connect(self.edit_requested)
            card.changed.connect(self._card_changed)
            self.column.insertWidget(len(self.cards), card)
            self.cards.append(card)
        self._update()

    def _update(self) -> None:
        self.empty.setVisible(not self.cards)
        self.more_button.setVisible(self._more)

    def _scrolled(self, value: int) -> None:
        if self._more and value >= self.verticalScrollBar().maximum() - 4:
            self.load_more()

    def _card_changed(self, entry_id: int) -> None:
        """Replace the card of a changed entry in place (and tell the page)."""
        index = next((i for i, c in enumerate(self.cards) if c.item.entry.id == entry_id), None)
        if index is not None:
            old = self.cards[index]
            fresh = diary.get_entry(self._ctx, entry_id)
            item = diary.TimelineItem(fresh, old.item.mentor_id, old.item.mentor)
            card = EntryCard(self._ctx, item, self._today, self.body)
            card.edit_requested.connect(self.edit_requested)
            card.changed.connect(self._card_changed)
            self.column.replaceWidget(old, card)
            old.deleteLater()
            self.cards[index] = card
        self.changed.emit()

    def card_of(self, entry_id: int, max_pages: int = 50) -> EntryCard | None:
        """The card of an entry, loading older pages until it appears."""
        for _ in range(max_pages):
            card = next((c for c in self.cards if c.item.entry.id == entry_id), None)
            if card is not None or not self._more:
                return card
            self.load_more()
        return None

    def scroll_to(self, entry_id: int) -> bool:
        card = self.card_of(entry_id)
        if card is None:
            return False
        self.ensureWidgetVisible(card, 0, 0)
        card.setFocus()
        return True
