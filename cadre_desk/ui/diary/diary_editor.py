"""Writing a growth-diary entry: a roomy editor with a word count, draft autosave and submit.

Every few seconds a changed entry is saved as a draft (草稿) through the service, so a crash loses
at most those seconds. A stale save (someone changed the entry meanwhile) stops autosave and keeps
the text in the editor; closing with unsaved text asks first.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, NotFoundError, StorageError, ValidationError
from cadre_desk.services import diary, diary_entries, diary_pairing_fit
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.codes import add_codes, current_code, select_code
from cadre_desk.ui.widgets.form_errors import FieldMessages, error_label, save_or_explain, with_error
from cadre_desk.ui.widgets.messages import joined
from cadre_desk.ui.widgets.read_only import open_read_only
from cadre_desk.ui.widgets.retry_box import RetryBox
from cadre_desk.ui.widgets.weak import weak_slot


class OutsideTermQuestion:
    """The choice for an entry dated outside the mentee's pairing: attach it anyway, or change the date."""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        """True: attach the entry to the pairing; False: go back and change the date."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            parent.tr("Date outside the pairing"),
            text,
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("outsideTermQuestion")
        attach = box.addButton(
            QCoreApplication.translate("DiaryEditor", "Attach to the pairing"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        change = box.addButton(
            QCoreApplication.translate("DiaryEditor", "Change the date"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(change)
        box.exec()
        return box.clickedButton() is attach


def word_count(text: str) -> int:
    """Characters that are not white space: how Chinese writers count 字."""
    return sum(1 for ch in text if not ch.isspace())


class DiaryEditor(QDialog):
    AUTOSAVE_MS = 5000

    def __init__(
        self,
        ctx: ServiceContext,
        mentee_id: int,
        mentee: str,
        entry: diary.DiaryEntryView | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._mentee_id = mentee_id
        self.entry = entry
        self._dirty = False
        self._conflict = False
        self._attach_to: int | None = None  # a pairing the user chose although the date is outside it
        self.setWindowTitle(self.tr("Growth diary of {name}").format(name=mentee))
        self.resize(820, 680)
        day = entry.date if entry else (today or dt.date.today())
        self.date = QLineEdit(f"{day:%Y.%m.%d}", self)
        self.date.setMaximumWidth(140)
        self.category = QComboBox(self)
        add_codes(self.category, vocab.DIARY_CATEGORIES)
        select_code(self.category, "工作")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Title"))
        self.content = QPlainTextEdit(self)
        self.content.setPlaceholderText(
            self.tr("What did you do and learn? Write freely; drafts save themselves.")
        )
        font = QFont(self.content.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.content.setFont(font)
        self.content.setTabChangesFocus(True)
        self.words = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("autosaveStatus")
        if entry is not None:
            select_code(self.category, entry.category)
            self.title.setText(entry.title)
            self.content.setPlainText(entry.content)
        labels = {name: error_label(self) for name in ("date", "title", "category", "content")}
        self.general = error_label(self)
        self.messages = FieldMessages(
            self.general, labels | {"state": self.general, "mentee_id": self.general}
        )

        head = QFormLayout()
        line = QWidget(self)
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(QLabel(self.tr("Category:"), self))
        row.addWidget(self.category)
        row.addStretch(1)
        head.addRow(self.tr("Date:"), with_error(line, labels["date"]))
        head.addRow(self.tr("Title:"), with_error(self.title, labels["title"]))
        self.save_button = QPushButton(self.tr("Save draft"), self)
        self.submit_button = QPushButton(self.tr("Submit to mentor"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.save_button.clicked.connect(weak_slot(self.save, False))
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.words)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(head)
        layout.addWidget(self.content, 1)
        layout.addWidget(labels["content"])
        layout.addLayout(buttons)

        self.autosave = QTimer(self)
        self.autosave.setInterval(self.AUTOSAVE_MS)
        self.autosave.timeout.connect(self._autosave)
        self.autosave.start()
        for edit in (self.date, self.title):
            edit.textEdited.connect(self._edited)
        self.category.currentIndexChanged.connect(self._edited)
        self.content.textChanged.connect(self._edited)
        self._dirty = False
        self._count()
        if entry is not None and entry.state != vocab.DiaryState.DRAFT:
            self.submit_button.setEnabled(False)
            self.status.setText(self.tr("Submitted entry: changes are saved when you save."))
        self.content.setFocus() if entry is not None else self.title.setFocus()

    # --- state -----------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _edited(self, *_args: object) -> None:
        self._dirty = True
        self._count()

    def _count(self) -> None:
        self.words.setText(self.tr("%n character(s)", "", word_count(self.content.toPlainText())))

    def _input(self) -> diary.DiaryEntryInput:
        return diary.DiaryEntryInput(
            mentee_id=self._mentee_id,
            date=self.date.text(),
            title=self.title.text(),
            category=current_code(self.category),
            content=self.content.toPlainText(),
            attach_to=self._attach_to,
        )

    def _date_fits(self) -> bool:
        """Outside every term of the mentee's pairings: ask whether to attach the entry anyway.

        False when the user goes back to change the date (the date field says why)."""
        fit = diary_pairing_fit.pairing_fit(self._ctx, self._mentee_id, self.date.text())
        if fit.in_term is not None or fit.nearest is None:
            self._attach_to = None
            return True
        if self._attach_to == fit.nearest or (
            self.entry is not None
            and self.entry.mentorship_id == fit.nearest
            and f"{self.entry.date:%Y.%m.%d}" == self.date.text().strip()
        ):
            return True
        assert fit.term_start is not None and fit.term_end is not None
        text = self.tr(
            "The date {date} is outside the pairing with mentor {mentor} ({start} – {end}).\n\n"
            "Attach the entry to this pairing anyway (the mentor can then read and comment on it), "
            "or change the date?"
        ).format(
            date=self.date.text().strip(),
            mentor=fit.mentor,
            start=f"{fit.term_start:%Y.%m.%d}",
            end=f"{fit.term_end:%Y.%m.%d}",
        )
        if OutsideTermQuestion.ask(self, text):
            self._attach_to = fit.nearest
            return True
        self.messages.show({"date": self.tr("Choose a date within the pairing's term.")})
        self.date.setFocus()
        return False

    # --- saving ----------------------------------------------------------------------------------

    def _autosave(self) -> None:
        if (
            self._dirty
            and not self._conflict
            and (self.entry is None or self.entry.state == vocab.DiaryState.DRAFT)
        ):
            self.save(quiet=True)

    def save(self, quiet: bool = False) -> bool:
        """Save as a draft (or keep the state of a submitted entry). `quiet`: autosave, no dialogs."""
        if not quiet and not self._date_fits():
            return False
        try:
            if self.entry is None:
                self.entry = diary_entries.create_entry(self._ctx, self._input())
            else:
                self.entry = diary_entries.update_entry(
                    self._ctx, self.entry.id, self._input(), self.entry.version
                )
        except ValidationError as err:
            if quiet:
                self.status.setText(self.tr("Draft not saved yet: {why}").format(why=joined(err.fields)))
            else:
                self.messages.show(err.fields)
            return False
        except StorageError as err:  # locked, full, vanished: the text stays in the editor
            self.status.setText(self.tr("Not saved: {why}").format(why=str(err)))
            if not quiet and err.retryable and RetryBox.ask(self, self.tr("Not saved"), str(err)):
                return self.save(quiet=False)
            if not quiet and not err.retryable:
                QMessageBox.warning(self, self.tr("Not saved"), str(err))
            return False
        except (ConflictError, NotFoundError) as err:
            self._conflict = True
            self.autosave.stop()
            self.status.setText(self.tr("Not saved: the entry was changed elsewhere"))
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("{error}\n\nYour text stays in the editor: copy it before you close.").format(
                    error=str(err)
                ),
            )
            return False
        self._dirty = False
        self.messages.clear()
        now = dt.datetime.now()
        if quiet:
            self.status.setText(self.tr("Draft saved automatically at {time}").format(time=f"{now:%H:%M:%S}"))
        else:
            self.status.setText(self.tr("Saved at {time}").format(time=f"{now:%H:%M:%S}"))
        return True

    def submit(self) -> None:
        if not self._date_fits():
            return
        relink = self.entry is not None and self._attach_to not in (None, self.entry.mentorship_id)
        if (self._dirty or self.entry is None or relink) and not self.save(quiet=False):
            return
        entry = self.entry
        assert entry is not None
        submitted = save_or_explain(
            self,
            self.messages,
            lambda: diary_entries.submit_entry(self._ctx, entry.id, entry.version),
            self.tr("Not submitted"),
        )
        if submitted is not None:
            self.entry = submitted
            self._dirty = False
            self.submit_button.setEnabled(False)

    # --- leaving ---------------------------------------------------------------------------------

    def _may_leave(self) -> bool:
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The entry has changes that are not saved yet. Save them as a draft?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(quiet=False)
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self._may_leave():
            self.autosave.stop()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_leave():
            self.autosave.stop()
            event.accept()
        else:
            event.ignore()

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        mentee_id: int,
        mentee: str,
        entry: diary.DiaryEntryView | None = None,
        today: dt.date | None = None,
    ) -> diary.DiaryEntryView | None:
        """Edit until closed; returns the entry as last saved (None if nothing was ever saved)."""
        dialog = cls(ctx, mentee_id, mentee, entry, today, parent)
        dialog.exec()
        return dialog.entry

    @classmethod
    def view(
        cls, parent: QWidget, ctx: ServiceContext, entry: diary.DiaryEntryView, today: dt.date | None = None
    ) -> DiaryEditor:
        """The entry for reading (a role that may not write it): opened, not waited for, never saved."""
        dialog = cls(ctx, entry.mentee_id, entry.mentee, entry, today, parent)
        dialog.autosave.stop()
        dialog.status.clear()
        open_read_only(
            dialog,
            QCoreApplication.translate("DiaryEditor", "View growth diary of {name}").format(
                name=entry.mentee
            ),
            dialog.close_button,
        )
        return dialog
