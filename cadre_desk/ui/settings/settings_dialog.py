"""Settings: the department's settings (in the database), this computer's (operator, language) and
the data file's location, with a move that copies the data (verified) and never deletes the old file.

Without the settings permission (a 领导查阅, a 干部科经办 without 系统管理员) the dialog shows the
department's settings read-only and offers only this computer's language: the data file's buttons
(移动到、加密、取消加密、修改口令) are not offered (`permits.guard`), and the services refuse them anyway."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import access, app_settings
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.backup_runner import BackupRunner
from cadre_desk.ui.settings.encryption_row import EncryptionRow
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.permits import Act, guard, tag

log = logging.getLogger("cadre_desk.ui")

DEPARTMENT_FIELDS = ("department_name", "confidentiality_mark", "print_preparer", "print_reviewer")
OFFSET_FIELDS = ("form_offset_top", "form_offset_front_left", "form_offset_back_left")


@dataclass(frozen=True)
class SettingsResult:
    department: app_settings.DepartmentSettings
    restart_needed: bool  # language, operator or data file changed
    quit_now: bool  # the user chose to quit so that the moved data file is used
    rules_opened: bool = False  # 规则 was opened: local rules may have changed


class SettingsDialog(GuardedDialog):
    def __init__(self, ctx: ServiceContext, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._ctx = ctx
        self._settings = settings
        self._restart_needed = False
        self._quit_now = False
        self.result_value: SettingsResult | None = None
        self.department = app_settings.get_settings(ctx)

        # --- the department (stored in the database, shared by every computer) ---
        dept_box = QGroupBox(self.tr("Department (stored in the database, for everyone)"), self)
        dept_form = QFormLayout(dept_box)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        labels = {
            "department_name": self.tr("Department name:"),
            "confidentiality_mark": self.tr("Confidentiality mark:"),
            "print_preparer": self.tr("Prepared by (制表人):"),
            "print_reviewer": self.tr("Reviewed by (审核人):"),
        }
        hints = {
            "department_name": self.tr("Printed on covers and page headers"),
            "confidentiality_mark": self.tr("Printed on every page of every PDF"),
            "print_preparer": self.tr("Blank: the operator"),
            "print_reviewer": "",
        }
        self.idle_minutes = QSpinBox(dept_box)
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(0, app_settings.IDLE_LIMIT)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setValue(self.department.idle_lock_minutes)
        self.idle_minutes.setToolTip(self.tr("With accounts: the window locks after this time without use"))
        for name in DEPARTMENT_FIELDS:
            edit = QLineEdit(getattr(self.department, name), dept_box)
            edit.setObjectName(name)
            edit.setPlaceholderText(hints[name])
            error = QLabel(dept_box)
            error.setObjectName(f"{name}_error")
            error.setStyleSheet("color: #b3261e;")
            error.hide()
            edit.textEdited.connect(lambda _text, label=error: label.hide())
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            if name == "print_reviewer":  # the idle lock shares the last row (the dialog fits 1280x720)
                row = QHBoxLayout()
                row.addLayout(column, 1)
                row.addSpacing(12)
                row.addWidget(QLabel(self.tr("Lock after idle:"), dept_box))
                row.addWidget(self.idle_minutes)
                dept_form.addRow(labels[name], row)
            else:
                dept_form.addRow(labels[name], column)
            self.edits[name] = edit
            self.errors[name] = error

        # --- print offsets of the appointment form (department-wide: the printer is shared) ---
        offsets_box = QGroupBox(self.tr("Appointment form print offsets (干部任免审批表)"), self)
        offsets_form = QFormLayout(offsets_box)
        offset_labels = {
            "form_offset_top": self.tr("Top margin (上边距):"),
            "form_offset_front_left": self.tr("Front page left margin (正面页左边距):"),
            "form_offset_back_left": self.tr("Back page left margin (背面页左边距):"),
        }
        self.offsets: dict[str, QDoubleSpinBox] = {}
        for name in OFFSET_FIELDS:
            spin = QDoubleSpinBox(offsets_box)
            spin.setObjectName(name)
            spin.setRange(-app_settings.OFFSET_LIMIT, app_settings.OFFSET_LIMIT)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
            spin.setValue(float(getattr(self.department, name)))
            offsets_form.addRow(offset_labels[name], spin)
            self.offsets[name] = spin
        offsets_note = QLabel(
            self.tr("Shifts the form on the paper: positive values move it down or to the right."),
            offsets_box,
        )
        offsets_note.setWordWrap(True)
        offsets_note.setStyleSheet("color: gray;")
        offsets_form.addRow(offsets_note)

        # --- 设置 → 规则: the local rule tables (their own window) ---
        rules_box = QGroupBox(self.tr("Local rules (规则)"), self)
        rules_row = QHBoxLayout(rules_box)
        rules_note = QLabel(
            self.tr(
                "退出领导岗位 ages, training hours, 三必谈 and other local practice, each with its source."
            ),
            rules_box,
        )
        rules_note.setWordWrap(True)
        self.rules_button = QPushButton(self.tr("&Rules…"), rules_box)
        self.rules_button.setObjectName("openRules")
        self.rules_button.clicked.connect(self.open_rules)
        rules_row.addWidget(rules_note, 1)
        rules_row.addWidget(self.rules_button)
        self._rules_opened = False
        # Without the settings permission the department's settings are shown (greyed), not changed.
        self.may_change_department = access.can(ctx, Permission.SETTINGS)
        for box in (dept_box, offsets_box):
            box.setEnabled(self.may_change_department)
        if not self.may_change_department:  # a greyed hint reads like a value ("印在封面和页眉上")
            for edit in self.edits.values():
                edit.setPlaceholderText("")
        tag(Act.VIEW, self.rules_button)  # the rules open read-only unless the account may change them

        # --- this computer (QSettings) ---
        local_box = QGroupBox(self.tr("This computer"), self)
        local_form = QFormLayout(local_box)
        self.operator = QLineEdit(settings.get(keys.OPERATOR) or ctx.operator, local_box)
        self.operator.setObjectName("operator")
        self.operator.setMaxLength(50)
        self.operator.setToolTip(self.tr("The name recorded in the audit trail for every change"))
        if ctx.signed_in:  # the audit trail names the account: its display name, not a typed one
            self.operator.setText(ctx.operator)
            self.operator.setReadOnly(True)
            self.operator.setToolTip(
                self.tr("The signed-in account's display name (changed in File → Accounts)")
            )
        local_form.addRow(self.tr("Operator name:"), self.operator)
        self.language = QComboBox(local_box)
        self.language.setObjectName("language")
        self.language.addItem("简体中文", i18n.DEFAULT_LANGUAGE)
        self.language.addItem("English", i18n.ENGLISH)
        current = i18n.chosen_language(settings.get(keys.LANGUAGE))
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        local_form.addRow(self.tr("Language:"), self.language)
        note = QLabel(
            self.tr("Operator and language take effect the next time Cadre Desk starts."), local_box
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        local_form.addRow(note)

        # --- the data file ---
        data_box = QGroupBox(self.tr("Data file"), self)
        data_layout = QVBoxLayout(data_box)
        self.path_label = QLabel(ctx.db.display_name(), data_box)
        self.path_label.setObjectName("dataPath")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.move_button = QPushButton(self.tr("&Move to…"), data_box)
        self.move_button.setObjectName("moveData")
        self.move_button.clicked.connect(self.choose_new_location)
        self.move_note = QLabel(data_box)
        self.move_note.setObjectName("moveNote")
        self.move_note.setWordWrap(True)
        if ctx.db.path is None:
            self.move_button.setEnabled(False)
            self.move_note.setText(
                self.tr("The data is kept on a database server; it cannot be moved from here.")
            )
        else:
            self.move_note.setText(
                self.tr(
                    "Moving copies the data to the new place and checks the copy; Cadre Desk uses it from "
                    "the next start. The old file is kept; delete it yourself once you are sure."
                )
            )
        row = QHBoxLayout()
        row.addWidget(self.path_label, 1)
        row.addWidget(self.move_button)
        data_layout.addLayout(row)
        data_layout.addWidget(self.move_note)
        self.encryption = EncryptionRow(ctx, data_box)
        self.runner = BackupRunner(ctx, self)
        self.runner.finished.connect(self._moved)
        if not guard(ctx, Act.SETTINGS, self.move_button):
            self.move_note.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        # 加密… / 取消加密… sits with the dialog's buttons: the dialog fills a 1280 x 720 screen already
        self.buttons.addButton(self.encryption.button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.encryption.rekey_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.encryption.show_state()  # adding a button to the box shows it: hide again what does not apply
        tag(Act.VIEW, *self.buttons.buttons()[:2])  # OK, Cancel
        self.read_only_note = QLabel(
            self.tr(
                "Only a system administrator (系统管理员) changes the department's settings, the local "
                "rules and the data file; here you can choose this computer's language."
            ),
            self,
        )
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.may_change_department)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addWidget(dept_box)
        layout.addWidget(offsets_box)
        layout.addWidget(rules_box)
        layout.addWidget(local_box)
        layout.addWidget(data_box)
        layout.addWidget(self.buttons)
        # An explicit minimum (both ways) stops the layout from pushing size hints to the window system.
        self.setMinimumSize(self.sizeHint().expandedTo(QSize(620, 0)))

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: ServiceContext, settings: Settings) -> SettingsResult | None:
        dialog = cls(ctx, settings, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted or dialog._quit_now:
                return dialog.result_value
            return None
        finally:
            dialog.deleteLater()

    # --- saving ----------------------------------------------------------------------------------

    def accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        typed: dict[str, Any] = {n: self.edits[n].text() for n in DEPARTMENT_FIELDS}
        typed.update({n: self.offsets[n].value() for n in OFFSET_FIELDS})
        typed["idle_lock_minutes"] = self.idle_minutes.value()
        wanted = app_settings.DepartmentSettings(**typed)
        try:
            saved = (
                app_settings.save_settings(self._ctx, wanted)
                if self.may_change_department
                else self.department
            )
        except ValidationError as exc:
            first = None
            for name, message in exc.fields.items():
                if name in self.errors:
                    self.errors[name].setText(message)
                    self.errors[name].show()
                    first = first or self.edits[name]
            if first is not None:
                first.setFocus()
            else:
                QMessageBox.warning(self, self.tr("Settings not saved"), str(exc))
            return
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Settings not saved"), str(exc))
            return
        self._save_local()
        self.result_value = SettingsResult(saved, self._restart_needed, self._quit_now, self._rules_opened)
        super().accept()

    def open_rules(self) -> None:
        from cadre_desk.ui.settings.rules_page import RulesDialog

        RulesDialog.show_rules(self, self._ctx)
        self._rules_opened = True

    def _save_local(self) -> None:
        operator = " ".join(self.operator.text().split())
        before = self._settings.get(keys.OPERATOR) or self._ctx.operator
        if operator != before and not self._ctx.signed_in:
            if operator:
                self._settings.set(keys.OPERATOR, operator)
            else:
                self._settings.remove(keys.OPERATOR)
            self._restart_needed = True
        language = str(self.language.currentData())
        if language != i18n.chosen_language(self._settings.get(keys.LANGUAGE)):
            self._settings.set(keys.LANGUAGE, language)
            self._restart_needed = True
        self._settings.sync()
        if self._restart_needed:
            QMessageBox.information(
                self,
                self.tr("Settings"),
                self.tr("The new operator name and language take effect after Cadre Desk is restarted."),
            )

    # --- moving the data file --------------------------------------------------------------------

    def choose_new_location(self) -> None:
        current = self._ctx.db.path
        if current is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Move the data file to"), str(current.parent / current.name), "SQLite (*.db)"
        )
        if name:
            self.move_to(Path(name))

    def move_to(self, dest: Path) -> None:
        """Copy the database to `dest` (verified) and use it from the next start."""
        current = self._ctx.db.path
        if current is None or self.runner.running:
            return
        dest = dest.expanduser().absolute()
        if dest.resolve() == current.resolve():
            QMessageBox.information(
                self, self.tr("Move the data file"), self.tr("That is the current data file.")
            )
            return
        if dest.exists():
            QMessageBox.warning(
                self,
                self.tr("Move the data file"),
                self.tr("A file already exists there; choose a new file name:\n{path}").format(path=dest),
            )
            return
        self.move_button.setEnabled(False)
        self.runner.start(dest, self.tr("Move the data file"), quiet=True, move=True)

    def _moved(self, path: object) -> None:
        self.move_button.setEnabled(True)
        if not isinstance(path, Path):
            self.move_note.setText(
                self.tr("The data file was not moved: {reason}").format(reason=self.runner.error)
            )
            self.move_note.setStyleSheet("color: #b3261e;")
            return
        self._settings.set(keys.DATABASE_PATH, str(path))
        self._settings.sync()
        self._restart_needed = True
        old = self._ctx.db.display_name()
        log.info("data file copied to %s; used from the next start", path)
        self.move_note.setStyleSheet("")
        self.move_note.setText(
            self.tr(
                "Copied and verified. From the next start Cadre Desk uses\n{new}\n"
                "The old file stays at {old}."
            ).format(new=path, old=old)
        )
        answer = QMessageBox.question(
            self,
            self.tr("Move the data file"),
            self.tr(
                "The data was copied to\n{new}\nand the copy verified. Cadre Desk uses it from the next "
                "start; changes made before then still go to the old file, which is kept.\n\n"
                "Quit now so that nothing is entered into the old file?"
            ).format(new=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._quit_now = True
            self.result_value = SettingsResult(self.department, True, True)
            super().reject()  # the department fields are left as they were stored
