"""文件 → 自动备份设置…: how many daily / weekly / monthly automatic backups to keep, and a second folder
(a USB stick). Saved through `services.backups.save_policy` (validated, audited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import backups
from cadre_desk.services.context import ServiceContext


class BackupPolicyDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: backups.BackupPolicy | None = None
        self.setObjectName("backupPolicyDialog")
        self.setWindowTitle(self.tr("Automatic backups"))
        policy = backups.get_policy(ctx)
        self.daily = self._spin(policy.daily)
        self.weekly = self._spin(policy.weekly)
        self.monthly = self._spin(policy.monthly)
        self.folder = QLineEdit(policy.second_folder, self)
        self.folder.setObjectName("secondFolder")
        self.folder.setMinimumWidth(360)
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self._choose)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Daily backups kept"), self.daily)
        form.addRow(self.tr("Weekly backups kept"), self.weekly)
        form.addRow(self.tr("Monthly backups kept"), self.monthly)
        form.addRow(self.tr("Second folder (e.g. a USB stick)"), folder_row)
        note = QLabel(
            self.tr(
                "A backup is taken when the window closes after changes and every 30 minutes while there "
                "are changes, verified on the copy. A missing second folder is only a warning."
            ),
            self,
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, backups.MAX_GENERATIONS)
        spin.setValue(value)
        return spin

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Second folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def save(self) -> None:
        wanted = backups.BackupPolicy(
            self.daily.value(), self.weekly.value(), self.monthly.value(), self.folder.text().strip()
        )
        try:
            self.saved = backups.save_policy(self.ctx, wanted)
        except CadreDeskError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: ServiceContext) -> backups.BackupPolicy | None:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.saved
