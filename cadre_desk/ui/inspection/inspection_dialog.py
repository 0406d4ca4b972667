"""考察材料 editor: the draft's sections in tabs, the facts it was drawn from beside them, excerpts to
quote, numbered revisions, and the exports (PDF preview, Word).

What prints and exports is the latest saved revision, so that every copy handed on is one the audit
trail knows; the editor asks to save first when its text differs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ConflictError, StorageError, ValidationError
from cadre_desk.services import inspection
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.inspection import (
    OPENING,
    SECTION_KEYS,
    SECTION_TITLES,
    Excerpt,
    Fact,
    Report,
    Section,
)
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion, GuardedDialog
from cadre_desk.ui.widgets.messages import joined
from cadre_desk.ui.widgets.permits import Act, guard, make_read_only
from cadre_desk.ui.widgets.read_only import PROPERTY as READ_ONLY
from cadre_desk.ui.widgets.read_only import SELECTABLE
from cadre_desk.ui.widgets.retry_box import RetryBox
from cadre_desk.ui.widgets.screen_fit import fitting_size

_BOLD = QFont.Weight.Bold
# Short tab names so that all seven show; the full heading is the tab's tooltip and prints.
_TAB_NAMES = {
    "opening": "基本情况",
    "de": "德",
    "neng": "能",
    "qin": "勤",
    "ji": "绩",
    "lian": "廉",
    "shortcomings": "主要缺点和不足",
}


def to_markup(document: QTextDocument) -> str:
    """The document's text with bold runs as `**…**`, one line per paragraph."""
    lines = []
    block = document.begin()
    while block.isValid():
        parts = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                text = fragment.text().replace("\u2028", "\n")
                bold = fragment.charFormat().fontWeight() >= _BOLD
                parts.append(f"**{text}**" if bold and text.strip() else text)
            it += 1
        lines.append("".join(parts))
        block = block.next()
    return "\n".join(lines).strip("\n")


def load_markup(edit: QTextEdit, text: str) -> None:
    """Show `text` (with `**bold**` runs) in `edit`, replacing what it held."""
    from cadre_desk.reports.inspection_report import runs

    edit.clear()
    cursor = edit.textCursor()
    plain, bold = QTextCharFormat(), QTextCharFormat()
    plain.setFontWeight(QFont.Weight.Normal)
    bold.setFontWeight(_BOLD)
    for i, line in enumerate(text.split("\n")):
        if i:
            cursor.insertBlock()
        for piece, is_bold in runs(line):
            cursor.insertText(piece, bold if is_bold else plain)
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    edit.document().setModified(False)


class InspectionDialog(GuardedDialog):
    """Draft, edit, save and export the 考察材料 of one cadre."""

    def __init__(self, ctx: ServiceContext, cadre_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionDialog")
        self._ctx = ctx
        self._cadre_id = cadre_id
        self._based_on = 0
        self._sources: list[Fact] = []
        self._saved: tuple[str, ...] = ()
        self.setWindowTitle(self.tr("Inspection report (考察材料)"))

        self.title = QLineEdit(self)
        self.title.setObjectName("inspectionTitle")
        self.tabs = QTabWidget(self)
        self.editors: dict[str, QTextEdit] = {}
        for key in SECTION_KEYS:
            edit = QTextEdit(self)
            edit.setObjectName(f"inspection_{key}")
            edit.setAcceptRichText(False)  # pasted text arrives plain; bold is set with Ctrl+B
            self.editors[key] = edit
            index = self.tabs.addTab(edit, _TAB_NAMES[key])
            self.tabs.setTabToolTip(index, SECTION_TITLES[key])
        if_empty = QLabel(
            self.tr("主要缺点和不足 is left for the inspection team: the records never fill it."), self
        )
        if_empty.setWordWrap(True)
        bold = QPushButton(self.tr("Bold"), self)
        bold.setObjectName("inspectionBold")
        bold.setToolTip(self.tr("Bold the selected text (Ctrl+B)"))
        bold.clicked.connect(self.toggle_bold)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Bold), self, self.toggle_bold)

        self.facts = QTreeWidget(self)
        self.facts.setObjectName("inspectionFacts")
        self.facts.setHeaderLabels([self.tr("Fact"), self.tr("Source")])
        self.facts.setToolTip(self.tr("Double-click a fact to insert it where the cursor is"))
        self.facts.itemDoubleClicked.connect(self._insert_fact)
        header = self.facts.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.excerpts = QListWidget(self)
        self.excerpts.setObjectName("inspectionExcerpts")
        self.excerpts.setWordWrap(True)
        insert = QPushButton(self.tr("Quote the ticked passages in this section"), self)
        insert.setObjectName("inspectionQuote")
        insert.clicked.connect(self.quote_checked)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Facts of the records (the draft's sources)"), side))
        side_layout.addWidget(self.facts, 3)
        side_layout.addWidget(QLabel(self.tr("考察谈话 and diary passages"), side))
        side_layout.addWidget(self.excerpts, 2)
        side_layout.addWidget(insert)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel(self.tr("Title"), left))
        title_row.addWidget(self.title, 1)
        title_row.addWidget(bold)
        left_layout.addLayout(title_row)
        left_layout.addWidget(self.tabs, 1)
        left_layout.addWidget(if_empty)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.revision_label = QLabel(self)
        self.revision_label.setObjectName("inspectionRevision")
        self.history = QComboBox(self)
        self.history.setObjectName("inspectionHistory")
        self.history.setToolTip(self.tr("Show an earlier revision (saving it makes it the newest)"))
        self.history.activated.connect(self._show_revision)
        self.redraft_button = QPushButton(self.tr("New draft from the records"), self)
        self.redraft_button.clicked.connect(self.redraft)
        self.save_button = QPushButton(self.tr("Save as new revision"), self)
        self.save_button.setObjectName("inspectionSave")
        self.save_button.clicked.connect(self.save)
        self.pdf_button = QPushButton(self.tr("Print / PDF…"), self)
        self.pdf_button.clicked.connect(self.preview_pdf)
        self.word_button = QPushButton(self.tr("Export Word…"), self)
        self.word_button.clicked.connect(self.export_word)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.revision_label, 1)
        bottom.addWidget(self.history)
        for button in (self.redraft_button, self.save_button, self.pdf_button, self.word_button):
            bottom.addWidget(button)
        bottom.addWidget(close)
        self.writable = guard(ctx, Act.WRITE, self.redraft_button, self.save_button, bold, insert)
        guard(ctx, Act.OUTPUT, self.pdf_button, self.word_button)
        if not self.writable:  # a 领导查阅 reads the report: no edit, no new revision, no draft kept
            make_read_only(self.title, *self.editors.values())
            self.setWindowTitle(self.tr("View inspection report (考察材料)"))
            self.setProperty(READ_ONLY, True)
            for edit in self.editors.values():
                edit.setTextInteractionFlags(SELECTABLE)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(fitting_size(self, QSize(1200, 760)))
        self._load_excerpts()
        current = inspection.current(ctx, cadre_id)
        self._show(current or inspection.draft(ctx, cadre_id))

    # --- content -----------------------------------------------------------------------------------

    def report_sections(self) -> list[Section]:
        return [
            Section(key, SECTION_TITLES[key], to_markup(self.editors[key].document())) for key in SECTION_KEYS
        ]

    def _content(self) -> tuple[str, ...]:
        return (self.title.text(), *(s.text for s in self.report_sections()))

    def has_unsaved_input(self) -> bool:
        return self._content() != self._saved  # bold changes count too, which form_state cannot see

    def _show(self, report: Report, mark_saved: bool = True) -> None:
        self.title.setText(report.title)
        for section in report.sections:
            if section.key in self.editors:
                load_markup(self.editors[section.key], section.text)
        self._sources = list(report.sources)
        self._fill_facts()
        if mark_saved:
            self._saved = self._content()
        self._refresh_revisions(report)

    def _fill_facts(self) -> None:
        self.facts.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for key in SECTION_KEYS:
            if key == OPENING:
                continue
            group = QTreeWidgetItem(self.facts, [SECTION_TITLES[key], ""])
            group.setData(0, Qt.ItemDataRole.UserRole, key)
            groups[key] = group
        for fact in self._sources:
            parent = groups.get(fact.section)
            if parent is None:
                continue
            item = QTreeWidgetItem(parent, [fact.text, fact.source])
            item.setToolTip(0, fact.text)
            item.setData(0, Qt.ItemDataRole.UserRole, fact.section)
        self.facts.expandAll()

    def _load_excerpts(self) -> None:
        self.excerpts.clear()
        self._excerpts = inspection.excerpt_choices(self._ctx, self._cadre_id)
        for i, e in enumerate(self._excerpts):
            item = QListWidgetItem(f"{e.source}：{e.text[:80]}", self.excerpts)
            item.setToolTip(e.text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, i)
        if not self._excerpts:
            QListWidgetItem(self.tr("No 考察谈话 or diary entry on record."), self.excerpts).setFlags(
                Qt.ItemFlag.NoItemFlags
            )

    def _refresh_revisions(self, report: Report) -> None:
        infos = inspection.revisions(self._ctx, self._cadre_id)
        self._based_on = infos[0].revision if infos else 0
        self.history.clear()
        for info in infos:
            self.history.addItem(
                self.tr("Revision %1 · %2 · %3")
                .replace("%1", str(info.revision))
                .replace("%2", info.saved_by)
                .replace("%3", f"{info.saved_at.astimezone():%Y.%m.%d %H:%M}"),  # stored in UTC
                info.revision,
            )
        self.history.setEnabled(bool(infos))
        if not infos:
            self.history.setPlaceholderText(self.tr("No saved revision"))
        if report.revision:
            self.history.setCurrentIndex(self.history.findData(report.revision))
            self.revision_label.setText(
                self.tr("Revision %1, saved by %2")
                .replace("%1", str(report.revision))
                .replace("%2", report.saved_by)
            )
        else:
            self.revision_label.setText(self.tr("New draft from the records (not saved yet)"))

    def current_section(self) -> str:
        return SECTION_KEYS[self.tabs.currentIndex()]

    def _insert_fact(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.parent() is None or not self.writable:
            return
        key = item.data(0, Qt.ItemDataRole.UserRole)
        self.tabs.setCurrentIndex(SECTION_KEYS.index(key))
        self.editors[key].insertPlainText(item.text(0))

    def quote_checked(self) -> None:
        """Quote each ticked passage as a paragraph of the section shown, with where it comes from."""
        if not self.writable:
            return
        key = self.current_section()
        if key == OPENING:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("Choose 德, 能, 勤, 绩, 廉 or 主要缺点和不足 for a quotation."),
            )
            return
        edit = self.editors[key]
        quoted = 0
        for row in range(self.excerpts.count()):
            item = self.excerpts.item(row)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            excerpt: Excerpt = self._excerpts[int(item.data(Qt.ItemDataRole.UserRole))]
            cursor = edit.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if edit.toPlainText():
                cursor.insertBlock()
            cursor.insertText(f"“{excerpt.text}”（{excerpt.source}）", QTextCharFormat())
            self._sources.append(Fact(key, excerpt.text, excerpt.source))
            item.setCheckState(Qt.CheckState.Unchecked)
            quoted += 1
        if quoted:
            self._fill_facts()

    def toggle_bold(self) -> None:
        if not self.writable:
            return
        edit = self.editors[self.current_section()]
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Normal if edit.fontWeight() >= _BOLD else _BOLD)
        edit.mergeCurrentCharFormat(fmt)

    # --- actions -----------------------------------------------------------------------------------

    def redraft(self) -> None:
        if self.has_unsaved_input() and not DiscardQuestion.ask(self):
            return
        saved = self._saved
        self._show(inspection.draft(self._ctx, self._cadre_id), mark_saved=False)
        self._saved = saved  # a fresh draft is new input until it is saved

    def _show_revision(self, index: int) -> None:
        number = self.history.itemData(index)
        if number is None:
            return
        if self.has_unsaved_input() and not DiscardQuestion.ask(self):
            self._refresh_revisions(Report(self._cadre_id, "", self._based_on, "", (), ()))
            return
        try:
            report = inspection.revision(self._ctx, self._cadre_id, int(number))
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        based_on = self._based_on
        self._show(report)
        self._based_on = based_on

    def save(self) -> bool:
        """Save the text as the next revision; a failure keeps every character typed."""
        while True:
            try:
                report = inspection.save(
                    self._ctx,
                    self._cadre_id,
                    self.title.text(),
                    self.report_sections(),
                    self._sources,
                    self._based_on,
                )
            except ValidationError as exc:
                QMessageBox.warning(self, self.tr("Not saved"), joined(exc.fields))
                return False
            except ConflictError as exc:
                QMessageBox.warning(self, self.tr("Not saved"), str(exc))
                return False
            except StorageError as exc:
                if RetryBox.ask(self, self.tr("Not saved"), str(exc)):
                    continue
                return False
            break
        self._saved = self._content()
        self._refresh_revisions(report)
        return True

    def _saved_or_ask(self) -> bool:
        """True when the latest revision is what the editor shows (saving first if the user agrees)."""
        if not self.has_unsaved_input() and self._based_on:
            return True
        question = self.tr(
            "Prints and exports are made of a saved revision. Save the text as a new revision now?"
        )
        return confirmed(self, self.windowTitle(), question) and self.save()

    def preview_pdf(self) -> None:
        if not self._saved_or_ask():
            return
        from cadre_desk.ui.printing import printing

        printing.print_inspection(self, self._ctx, self._cadre_id)

    def export_word(self) -> None:
        if not self._saved_or_ask():
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Word"),
            f"{self.title.text() or '考察材料'}.docx",
            self.tr("Word document (*.docx)"),
        )
        if name:
            self.export_word_to(Path(name if name.lower().endswith(".docx") else name + ".docx"))

    def export_word_to(self, path: Path) -> bool:
        """Write the latest revision as .docx to `path` and record the export."""
        from cadre_desk.reports import inspection_docx
        from cadre_desk.services import printing

        try:
            report = inspection.current(self._ctx, self._cadre_id)
            if report is None:
                return False
            settings = printing.print_settings(self._ctx)
            inspection_docx.write_docx(report, path, settings, dt.datetime.now().replace(microsecond=0))
            printing.record_output(
                self._ctx, "export", f"考察材料（{report.cadre_name}）", "cadre", [self._cadre_id], str(path)
            )
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return False
        return True
