"""The client's import/export entry points: worker + preview + apply, with the dialogs' `ask` patched."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import importing, package
from cadre_desk.ui.transfer import transfer
from cadre_desk.ui.transfer.import_preview import ColumnMappingDialog, ImportPreviewDialog
from cadre_desk.ui.transfer.package_conflicts import PackageConflictDialog

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
pytestmark = pytest.mark.usefixtures("notices")  # message boxes noted, not shown


def test_preview_dialog_needs_rejected_rows_left_out(
    parent: QWidget, ctx: ServiceContext, qtbot: QtBot
) -> None:
    from cadre_desk.transfer import forms

    plan = forms.plan_files(ctx, [FIXTURES])
    dialog = ImportPreviewDialog(plan, parent)
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()
    dialog.skip.setChecked(True)
    assert dialog.apply_button.isEnabled() and dialog.result_plan().rejected == ()
    assert dialog.table.rowCount() == len(plan.items) + len(plan.rejected)


def test_import_lrmx_files(parent: QWidget, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[importing.ImportPlan] = []

    def ask(_parent: QWidget, plan: importing.ImportPlan) -> importing.ImportPlan:
        seen.append(plan)
        return plan.without_rejected()

    monkeypatch.setattr(ImportPreviewDialog, "ask", ask)
    assert transfer.import_lrmx_files(parent, ctx, [FIXTURES])
    assert len(seen[0].rejected) == 4 and cadres.count_cadres(ctx) == 4
    assert not transfer.import_lrmx_files(parent, ctx, [FIXTURES / "filled_compact.lrmx"])  # unchanged


def test_import_roster_with_column_mapping(
    parent: QWidget, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别", "出生年月", "手机号", "奇怪的列"])
    book.active.append(["王一", "男", "1985.03", "13800000000", "x"])
    book.save(tmp_path / "r.xlsx")
    monkeypatch.setattr(ColumnMappingDialog, "ask", lambda _p, headers: {h: "" for h in headers})
    monkeypatch.setattr(ImportPreviewDialog, "ask", lambda _p, plan: plan)
    assert transfer.import_roster(parent, ctx, tmp_path / "r.xlsx")
    assert cadres.list_cadres(ctx)[0].name == "王一"


def test_errors_are_shown_not_raised(
    parent: QWidget, ctx: ServiceContext, notices: list[str], tmp_path: Path
) -> None:
    (tmp_path / "bad.xlsx").write_bytes(b"junk")
    assert not transfer.import_roster(parent, ctx, tmp_path / "bad.xlsx")
    assert notices and notices[-1].startswith("warning:")


def test_package_round_trip_through_the_client(
    parent: QWidget, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cadre_factory
) -> None:  # type: ignore[no-untyped-def]
    c = cadre_factory("李四")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "p.zip"), ""))
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No
    )  # no passphrase
    transfer.export_package(parent, ctx, [c.id])
    assert (tmp_path / "p.zip").exists()
    plans: list[package.PackagePlan] = []
    monkeypatch.setattr(PackageConflictDialog, "ask", lambda _p, plan: plans.append(plan) or {})
    assert not transfer.import_package(parent, ctx, tmp_path / "p.zip")  # everything the same
    assert plans[0].count("same") == len(plans[0].records)


def test_exports(
    parent: QWidget, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cadre_factory
) -> None:  # type: ignore[no-untyped-def]
    c = cadre_factory("李四")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "forms"))
    transfer.export_lrmx(parent, ctx, [c.id])
    assert (tmp_path / "forms" / "李四.lrmx").exists()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "r"), ""))
    transfer.export_roster(parent, ctx, [c.id], ["name", "birth"])
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").active["A3"].value == "李四"


def test_a_sealed_package_through_the_client(
    parent: QWidget, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cadre_factory
) -> None:  # type: ignore[no-untyped-def]
    """Export asks whether to seal; import asks for the passphrase, again after a wrong one."""
    from cadre_desk import sealed
    from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog

    c = cadre_factory("欧阳雪梅")
    dest = tmp_path / "sealed.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    asked: list[str] = []
    answers = iter(["county secret 2026", "a wrong passphrase", "county secret 2026"])

    def ask(_parent: object, _title: str, message: str, new: bool = False) -> str | None:
        asked.append(message)
        return next(answers)

    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, *a, **k: ask(*a, **k)))
    transfer.export_package(parent, ctx, [c.id])
    assert sealed.is_sealed(dest) and "欧阳雪梅".encode() not in dest.read_bytes()
    plans: list[package.PackagePlan] = []
    monkeypatch.setattr(PackageConflictDialog, "ask", lambda _p, plan: plans.append(plan) or {})
    assert not transfer.import_package(parent, ctx, dest)  # everything the same
    assert plans and plans[0].count("same") == len(plans[0].records)
    assert len(asked) == 3 and "口令不正确" in asked[2]


def test_the_window_says_which_related_people_travel_by_name_only(
    parent: QWidget,
    ctx: ServiceContext,
    notices: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtbot: QtBot,
    _zh_cn: None,
) -> None:
    """最小必要 (F10): the export's message names the related people and what of them travels; the
    import dialog says they are linked or added to verify, and the result counts the links."""
    from cadre_desk.db.opening import open_database
    from cadre_desk.services import mentorship, mentorship_changes
    from cadre_desk.services.context import open_context
    from tests.conftest import make_cadre

    mentor = make_cadre(ctx, "周导师", birth="1972.06")
    mentee = make_cadre(ctx, "林小雨", gender="女", birth="1980.10")
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2026.12.31")
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "p.zip"), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    transfer.export_package(parent, ctx, [mentee.id])
    assert "另含 1 名相关人员的姓名与单位" in notices[-1]

    db = open_database(str(tmp_path / "other.db"), create=True)
    other = open_context(db, "对方")
    try:
        make_cadre(other, "周导师", birth="1972.06")  # the mentor is known here: linked, not changed
        shown: list[PackageConflictDialog] = []

        def ask(_p: QWidget, plan: package.PackagePlan) -> dict[str, str]:
            dialog = PackageConflictDialog(plan, parent)
            qtbot.addWidget(dialog)
            shown.append(dialog)
            return {}

        monkeypatch.setattr(PackageConflictDialog, "ask", ask)
        assert transfer.import_package(parent, other, tmp_path / "p.zip")
        label = shown[0].references
        assert (
            not label.isHidden() and "1 名相关人员" in label.text() and "1 名与本机干部相符" in label.text()
        )
        assert "关联本机干部（未作改动）：1" in notices[-1]
        assert [c.name for c in cadres.list_cadres(other)].count("周导师") == 1
    finally:
        db.dispose()
