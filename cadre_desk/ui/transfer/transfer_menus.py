"""File → 导入 / 导出: the menus and their slots. The work itself is `cadre_desk.ui.transfer.transfer`,
imported on first use (in each slot) so that start-up does not load openpyxl and the XML parsers."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.weak import BackRef, weak_slot


class TransferMenus(QObject):
    """The import and export submenus for `window`; `changed` after an import that changed data."""

    changed = Signal()

    _window: BackRef[QWidget] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, window: QWidget, ctx: ServiceContext, roster: RosterPage) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._roster = roster
        self.actions: list[QAction] = []
        self.import_menu = self._menu(
            self.tr("&Import"),
            Act.IMPORT,
            (
                (self.tr("Appointment forms (.lrmx, .lrm)…"), self.import_lrmx),
                (self.tr("Roster spreadsheet (.xlsx)…"), self.import_roster),
                (self.tr("Exchange package…"), self.import_package),
            ),
        )
        self.export_menu = self._menu(
            self.tr("&Export"),
            Act.OUTPUT,
            (
                (self.tr("Exchange package of the cadres shown…"), self.export_package),
                (self.tr("Roster of the cadres shown (.xlsx)…"), self.export_roster),
                (self.tr("Talk records (.xlsx)…"), self.export_talks),
                (self.tr("Diary activity per pairing (.xlsx)…"), self.export_pairing_activity),
            ),
        )

    def _menu(self, title: str, act: Act, entries: tuple[tuple[str, Callable[[], Any]], ...]) -> QMenu:
        menu = QMenu(title, self._window)
        guard(self._ctx, act, menu.menuAction())
        for text, slot in entries:
            action = QAction(text, self._window)
            action.triggered.connect(weak_slot(slot))  # slot()
            menu.addAction(action)
            guard(self._ctx, act, action)
            self.actions.append(action)
        return menu

    def _imported(self, changed: bool) -> None:
        if changed:
            self.changed.emit()

    def import_lrmx(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self._window, self.tr("Import appointment forms"), "", self.tr("Appointment forms (*.lrmx *.lrm)")
        )
        if names:
            from cadre_desk.ui.transfer import transfer

            self._imported(transfer.import_lrmx_files(self._window, self._ctx, [Path(n) for n in names]))

    def import_roster(self) -> None:
        from cadre_desk.ui.transfer import transfer

        self._imported(transfer.import_roster(self._window, self._ctx))

    def import_package(self) -> None:
        from cadre_desk.ui.transfer import transfer

        self._imported(transfer.import_package(self._window, self._ctx))

    def open_files(self, files: Sequence[Path]) -> None:
        """Files handed over by the desktop (`cadre-desk open FILE…`): exchange packages (zip files)
        go to the package import, anything else to the appointment-form import, each with its preview."""
        from cadre_desk.ui.transfer import transfer

        packages = [path for path in files if path.is_file() and zipfile.is_zipfile(path)]
        forms = [path for path in files if path not in packages]
        if forms:
            self._imported(transfer.import_lrmx_files(self._window, self._ctx, forms))
        for path in packages:
            self._imported(transfer.import_package(self._window, self._ctx, path))

    def _shown_cadre_ids(self) -> list[int]:
        """The cadres the roster shows now (its filters applied); a message when there are none."""
        cadre_ids = self._roster.shown_cadre_ids()
        if not cadre_ids:
            QMessageBox.information(
                self._window, self.tr("Export"), self.tr("The roster shows no cadres to export.")
            )
        return cadre_ids

    def export_package(self) -> None:
        cadre_ids = self._shown_cadre_ids()
        if cadre_ids:
            from cadre_desk.ui.transfer import transfer

            transfer.export_package(self._window, self._ctx, cadre_ids)

    def export_roster(self) -> None:
        cadre_ids = self._shown_cadre_ids()
        if cadre_ids:
            from cadre_desk.ui.transfer import transfer

            transfer.export_roster(self._window, self._ctx, cadre_ids, self._roster.export_fields())

    def export_talks(self) -> None:
        from cadre_desk.ui.transfer import transfer

        transfer.export_talks(self._window, self._ctx)

    def export_pairing_activity(self) -> None:
        from cadre_desk.ui.transfer import transfer

        transfer.export_pairing_activity(self._window, self._ctx)
