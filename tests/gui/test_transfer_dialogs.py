"""The import dialogs driven as a user drives them, not patched: the column mapping of a roster and the
decisions on an exchange package's conflicts reach the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from cadre_desk.db.opening import open_database
from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import package
from cadre_desk.ui.transfer import transfer
from cadre_desk.ui.transfer.import_preview import ColumnMappingDialog, ImportPreviewDialog
from cadre_desk.ui.transfer.package_conflicts import PackageConflictDialog
from tests.conftest import make_cadre

# The offscreen platform, for dialogs shown with exec()
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.usefixtures("notices"),  # message boxes noted, not shown
]


def answer_dialogs(answers: dict[type[QDialog], Callable[[QDialog], None]]) -> list[QDialog]:
    """Answer each modal dialog of these types as it opens (progress dialogs come and go meanwhile)."""
    seen: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        kind = type(dialog)
        if isinstance(dialog, QDialog) and kind in answers and dialog not in seen:
            seen.append(dialog)
            answers[kind](dialog)
        if len(seen) < len(answers):
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_the_column_mapping_dialog_maps_an_unknown_column(
    parent: QWidget, ctx: ServiceContext, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别", "出生年月", "联络方式", "奇怪的列"])
    book.active.append(["王一", "男", "1985.03", "13800000000", "x"])
    book.save(tmp_path / "r.xlsx")

    def map_columns(dialog: QDialog) -> None:
        assert isinstance(dialog, ColumnMappingDialog)
        assert list(dialog.combos) == ["联络方式", "奇怪的列"]  # only the columns it does not know
        phone = dialog.combos["联络方式"]
        phone.setCurrentIndex(phone.findData("phone"))
        assert dialog.combos["奇怪的列"].currentData() == ""  # (do not import) unless chosen
        dialog.accept()

    def import_all(dialog: QDialog) -> None:
        assert isinstance(dialog, ImportPreviewDialog)
        assert dialog.apply_button.isEnabled()
        dialog.apply_button.click()

    seen = answer_dialogs({ColumnMappingDialog: map_columns, ImportPreviewDialog: import_all})
    assert transfer.import_roster(parent, ctx, tmp_path / "r.xlsx")
    assert len(seen) == 2
    (imported,) = cadres.list_cadres(ctx)
    assert cadres.get_cadre(ctx, imported.id).phone == "13800000000"


def test_cancelling_the_column_mapping_imports_nothing(
    parent: QWidget, ctx: ServiceContext, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别", "出生年月", "联络方式"])
    book.active.append(["王一", "男", "1985.03", "13800000000"])
    book.save(tmp_path / "r.xlsx")
    answer_dialogs({ColumnMappingDialog: lambda dialog: dialog.reject()})
    assert not transfer.import_roster(parent, ctx, tmp_path / "r.xlsx")
    assert cadres.list_cadres(ctx) == []


@pytest.fixture
def other(tmp_path: Path) -> Iterator[ServiceContext]:
    """A second machine's database."""
    db = open_database(str(tmp_path / "other.db"), create=True)
    yield open_context(db, "对方")
    db.dispose()


def _edit(ctx: ServiceContext, uid: str, **changes: object) -> None:
    row = next(c for c in cadres.list_cadres(ctx) if c.uid == uid)
    view = cadres.get_cadre(ctx, row.id)
    cadres.update_cadre(
        ctx, row.id, cadres.CadreInput(**{**view.to_input().__dict__, **changes}), view.version
    )


def _notes(ctx: ServiceContext, uid: str) -> str:
    row = next(c for c in cadres.list_cadres(ctx) if c.uid == uid)
    return cadres.get_cadre(ctx, row.id).notes


@pytest.mark.parametrize(("decision", "kept"), [("theirs", "对方备注"), ("mine", "本机备注")])
def test_the_conflict_dialog_decides_each_conflicting_record(
    parent: QWidget,
    ctx: ServiceContext,
    other: ServiceContext,
    tmp_path: Path,
    decision: str,
    kept: str,
) -> None:
    cadre = make_cadre(ctx, "李四")
    package.export_package(ctx, [cadre.id], tmp_path / "p1.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "p1.zip"))
    _edit(other, cadre.uid, notes="本机备注")
    _edit(ctx, cadre.uid, notes="对方备注")
    package.export_package(ctx, [cadre.id], tmp_path / "p2.zip")

    def decide(dialog: QDialog) -> None:
        assert isinstance(dialog, PackageConflictDialog)
        assert dialog.table.rowCount() == 1 and "李四" in dialog.table.item(0, 0).text()
        assert "本机备注 / 对方备注" in dialog.table.item(0, 1).text()
        combo = dialog.combos[cadre.uid]
        assert combo.currentData() == "mine"  # nothing of mine is replaced unless chosen
        combo.setCurrentIndex(combo.findData(decision))
        dialog.accept()

    seen = answer_dialogs({PackageConflictDialog: decide})
    changed = transfer.import_package(parent, other, tmp_path / "p2.zip")
    assert len(seen) == 1
    assert changed == (decision == "theirs")
    assert _notes(other, cadre.uid) == kept


def test_cancelling_the_conflict_dialog_writes_nothing(
    parent: QWidget, ctx: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    cadre = make_cadre(ctx, "李四")
    package.export_package(ctx, [cadre.id], tmp_path / "p1.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "p1.zip"))
    _edit(other, cadre.uid, notes="本机备注")
    _edit(ctx, cadre.uid, notes="对方备注")
    package.export_package(ctx, [cadre.id], tmp_path / "p2.zip")
    answer_dialogs({PackageConflictDialog: lambda dialog: dialog.reject()})
    assert not transfer.import_package(parent, other, tmp_path / "p2.zip")
    assert _notes(other, cadre.uid) == "本机备注"
