"""A timeline of diary entries (newest first) as cards, with the mentor's comments and a comment box.

Entries arrive a page at a time: the next page is fetched when the user scrolls to the end, so a
mentee with years of weekly entries opens as fast as one with a week of them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from cadre_desk.services import diary, diary_comments, diary_entries
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.comment_dialog import CommentDialog
from cadre_desk.ui.diary.diary_editor import DiaryEditor
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion
from cadre_desk.ui.widgets.messages import joined
from cadre_desk.ui.widgets.permits import Act, allows, guard, tag
from cadre_desk.ui.widgets.weak import weak_slot

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
                category=code_text(e.category),
                state=code_text(e.state),
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
            tag(Act.VIEW, self.fold_button)
            self.fold_button.clicked.connect(self._toggle)
            layout.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_text()
        self.comment_rows: list[tuple[diary.CommentView, QPushButton, QPushButton]] = []
        self.comment_view_buttons: list[QPushButton] = []
        commenter = allows(ctx, Act.COMMENT)
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
            if not commenter or e.archived:  # a reader opens the comment to read it, never to edit
                view = QPushButton(self.tr("View comment…"), self)
                view.setObjectName("viewComment")
                view.setFlat(True)
                tag(Act.VIEW, view)
                view.clicked.connect(weak_slot(self.view_comment, c))
                row = QHBoxLayout()
                row.addStretch(1)
                row.addWidget(view)
                layout.addLayout(row)
                self.comment_view_buttons.append(view)
            elif not e.archived:
                edit = QPushButton(self.tr("Edit comment…"), self)
                withdraw = QPushButton(self.tr("Withdraw comment"), self)
                edit.setFlat(True)
                withdraw.setFlat(True)
                edit.clicked.connect(weak_slot(self.edit_comment, c))
                withdraw.clicked.connect(weak_slot(self.withdraw_comment, c))
                row = QHBoxLayout()
                row.addStretch(1)
                row.addWidget(edit)
                row.addWidget(withdraw)
                layout.addLayout(row)
                self.comment_rows.append((c, edit, withdraw))
        self.comment_box: QPlainTextEdit | None = None
        self.comment_button: QPushButton | None = None
        self.edit_button: QPushButton | None = None
        self.withdraw_button: QPushButton | None = None
        self.archive_button = QPushButton(self.tr("Restore") if e.archived else self.tr("Archive"), self)
        self.archive_button.setObjectName("restoreEntry" if e.archived else "archiveEntry")
        self.archive_button.clicked.connect(self.toggle_archived)
        self.comment_error = QLabel(self)
        self.comment_error.setStyleSheet("color: #b3261e;")
        self.comment_error.setWordWrap(True)
        self.comment_error.hide()
        self.view_button = QPushButton(self.tr("Read…"), self)
        self.view_button.setObjectName("viewEntry")
        self.view_button.setToolTip(self.tr("The entry in its form, for reading"))
        self.view_button.clicked.connect(self.view_entry)
        tag(Act.VIEW, self.view_button)
        actions = QHBoxLayout()
        actions.addWidget(self.view_button)
        if e.archived:
            actions.addWidget(QLabel(self.tr("Archived"), self))
        elif e.state == vocab.DiaryState.DRAFT:
            self.edit_button = QPushButton(self.tr("Continue writing…"), self)
            self.edit_button.clicked.connect(weak_slot(self._edit_clicked))
            actions.addWidget(self.edit_button)
        else:
            if e.state == vocab.DiaryState.SUBMITTED:
                self.withdraw_button = QPushButton(self.tr("Withdraw to draft"), self)
                self.withdraw_button.setToolTip(
                    self.tr("Take the entry back to edit it; possible until the mentor comments")
                )
                self.withdraw_button.clicked.connect(self.withdraw)
                actions.addWidget(self.withdraw_button)
            if item.mentor_id is not None:
                self.comment_box = QPlainTextEdit(self)
                self.comment_box.setPlaceholderText(self.tr("Mentor's comment on this entry"))
                self.comment_box.setFixedHeight(self.fontMetrics().height() * 4 + 12)
                self.comment_button = QPushButton(
                    self.tr("Comment as {mentor}").format(mentor=item.mentor), self
                )
                self.comment_button.clicked.connect(self.add_comment)
                layout.addWidget(self.comment_box)
        actions.addWidget(self.comment_error, 1)
        actions.addStretch(0)
        actions.addWidget(self.archive_button)
        if self.comment_button is not None:
            actions.addWidget(self.comment_button)
        layout.addLayout(actions)
        writable = guard(ctx, Act.WRITE, self.edit_button, self.withdraw_button, self.archive_button)
        self.view_button.setVisible(self.edit_button is None or not writable)  # else: Continue writing
        commenting = [b for _c, edit_, withdraw_ in self.comment_rows for b in (edit_, withdraw_)]
        guard(ctx, Act.COMMENT, self.comment_box, self.comment_button, *commenting)

    def _edit_clicked(self) -> None:
        self.edit_requested.emit(self.item)

    def unsaved_comment(self) -> bool:
        """A comment typed into the box but not saved yet."""
        return self.comment_box is not None and bool(self.comment_box.toPlainText().strip())

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
            diary_comments.add_comment(
                self._ctx, self.item.entry.id, diary.CommentInput(self.item.mentor_id, text, self._today)
            )
        except ValidationError as err:
            self.comment_error.setText(joined(err.fields))
            self.comment_error.show()
            return
        except (ConflictError, NotFoundError) as err:
            QMessageBox.warning(self, self.tr("Not saved"), str(err))
            return
        self.comment_box.clear()
        self.changed.emit(self.item.entry.id)

    def _run(self, action: Callable[[], object]) -> None:
        """Run a change of this entry; a refused one is explained, and the card is rebuilt either way."""
        try:
            action()
        except ValidationError as err:
            self.comment_error.setText(joined(err.fields))
            self.comment_error.show()
            return
        except (ConflictError, NotFoundError) as err:
            QMessageBox.warning(self, self.tr("Not saved"), str(err))
        self.changed.emit(self.item.entry.id)

    def withdraw(self) -> None:
        e = self.item.entry
        self._run(lambda: diary_entries.withdraw_entry(self._ctx, e.id, e.version))

    def toggle_archived(self) -> None:
        e = self.item.entry
        if not e.archived and not confirmed(
            self,
            self.tr("Archive diary entry"),
            self.tr("Archive the entry “{title}”? It can be restored from the Archived view.").format(
                title=e.title
            ),
        ):
            return
        self._run(
            lambda: (diary_entries.restore_entry if e.archived else diary_entries.archive_entry)(
                self._ctx, e.id
            )
        )

    def view_entry(self) -> None:
        """The entry in the editor's form, read-only (read again through the service)."""
        try:
            entry = diary.get_entry(self._ctx, self.item.entry.id)
        except NotFoundError as err:
            QMessageBox.warning(self, self.tr("Not found"), str(err))
            return
        DiaryEditor.view(self, self._ctx, entry, self._today)

    def view_comment(self, comment: diary.CommentView) -> None:
        CommentDialog.view(self, comment.mentor, comment.text)

    def edit_comment(self, comment: diary.CommentView) -> None:
        text = CommentDialog.ask(self, comment.mentor, comment.text)
        if text is not None and text != comment.text:
            self._run(lambda: diary_comments.update_comment(self._ctx, comment.id, text, comment.version))

    def withdraw_comment(self, comment: diary.CommentView) -> None:
        if confirmed(
            self,
            self.tr("Withdraw comment"),
            self.tr("Withdraw the comment of {mentor}? The entry waits for a comment again.").format(
                mentor=comment.mentor
            ),
        ):
            self._run(lambda: diary_comments.archive_comment(self._ctx, comment.id))


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
        tag(Act.VIEW, self.more_button)
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
            wanted = bool(self._filters and self._filters.get("archived"))
            if fresh.archived != wanted:  # archived or restored: it leaves this view
                self.column.removeWidget(old)
                old.deleteLater()
                del self.cards[index]
                self._update()
                self.changed.emit()
                return
            item = diary.TimelineItem(fresh, old.item.mentor_id, old.item.mentor)
            card = EntryCard(self._ctx, item, self._today, self.body)
            card.edit_requested.connect(self.edit_requested)
            card.changed.connect(self._card_changed)
            self.column.replaceWidget(old, card)
            old.deleteLater()
            self.cards[index] = card
        self.changed.emit()

    def unsaved_comments(self) -> list[EntryCard]:
        return [card for card in self.cards if card.unsaved_comment()]

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


def timeline_can_leave(timeline: DiaryTimeline) -> bool:
    """True when no comment is typed and unsaved, or the user agrees to discard it."""
    cards = timeline.unsaved_comments()
    if not cards:
        return True
    if DiscardQuestion.ask(
        timeline,
        QCoreApplication.translate(
            "DiaryTimeline", "A mentor's comment on “{title}” is typed but not saved. Discard it?"
        ).format(title=cards[0].item.entry.title),
    ):
        for card in cards:
            assert card.comment_box is not None
            card.comment_box.clear()
        return True
    timeline.ensureWidgetVisible(cards[0])
    assert cards[0].comment_box is not None
    cards[0].comment_box.setFocus()
    return False
