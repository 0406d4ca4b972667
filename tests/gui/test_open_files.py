"""Files the desktop hands over (`cadre-desk open FILE…`, the .deb's file types): each goes to its
import with the usual preview; the dialogs' `ask` is patched as in test_transfer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.cli import build_parser
from cadre_desk.db.opening import open_database
from cadre_desk.services import cadres
from cadre_desk.services.context import open_context
from cadre_desk.transfer import importing, package
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.transfer.import_preview import ImportPreviewDialog
from cadre_desk.ui.transfer.package_conflicts import PackageConflictDialog
from tests.conftest import make_cadre

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
Opener = Callable[[], MainWindow]


@pytest.fixture
def exchange_package(tmp_path: Path) -> Path:
    """A package written on another machine: one cadre that this database does not have."""
    other = open_database(str(tmp_path / "other.db"), create=True)
    try:
        ctx = open_context(other, "外单位")
        cadre = make_cadre(ctx, "王五")
        dest = tmp_path / "交换 包.zip"
        package.export_package(ctx, [cadre.id], dest)
    finally:
        other.dispose()
    return dest


def test_opened_forms_and_packages_are_imported(
    open_window: Opener, exchange_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    previews: list[importing.ImportPlan] = []

    def preview(_parent: QWidget, plan: importing.ImportPlan) -> importing.ImportPlan:
        previews.append(plan)
        return plan

    monkeypatch.setattr(ImportPreviewDialog, "ask", preview)
    packages: list[package.PackagePlan] = []
    monkeypatch.setattr(PackageConflictDialog, "ask", lambda _p, plan: packages.append(plan) or {})
    window = open_window()
    before = cadres.count_cadres(window.ctx)
    window.menus.transfers.open_files([FIXTURES / "filled_compact.lrmx", exchange_package])
    assert len(previews) == 1 and len(packages) == 1
    assert cadres.count_cadres(window.ctx) == before + 2
    assert len(shown) == 2  # one "Import finished" each


def test_open_is_a_window_command_not_a_cli_one() -> None:
    parser, handlers = build_parser()
    args = parser.parse_args(["open", "a.lrmx", "b.zip"])
    assert args.command == "open" and args.files == ["a.lrmx", "b.zip"]
    assert "open" not in handlers
