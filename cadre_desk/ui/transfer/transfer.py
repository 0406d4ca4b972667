"""Data in and out from the client: appointment forms, Excel rosters and exchange packages.

Each entry point runs the slow part in a worker with a progress dialog (Cancel works until the
transaction starts), shows a preview, and applies all-or-nothing. They return True if data changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from cadre_desk import sealed
from cadre_desk.errors import CadreDeskError
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import activity, forms, importing, package, roster
from cadre_desk.ui.jobs.restore_point_job import ask_with_restore_point
from cadre_desk.ui.jobs.workers import Cancelled, ProgressFn, run_in_background
from cadre_desk.ui.transfer.import_preview import ColumnMappingDialog, ImportPreviewDialog
from cadre_desk.ui.transfer.package_conflicts import PackageConflictDialog
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog

T = TypeVar("T")


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[[ProgressFn], T]) -> T:
    """Run `fn(progress)` in a worker while a progress dialog shows; raise what it raised."""
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setCancelButtonText(QCoreApplication.translate("Transfer", "Cancel"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setRange(0, 0)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: Exception) -> None:
        outcome["error"] = exc
        loop.quit()

    def progress(label: str, n: int, total: int) -> None:
        dialog.setLabelText(label)
        dialog.setRange(0, total)
        dialog.setValue(min(n, total))

    job = run_in_background(fn, done, failed, progress)
    dialog.canceled.connect(job.cancel)
    loop.exec()
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]


def _show_error(parent: QWidget | None, exc: Exception) -> None:
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, CadreDeskError):
        QMessageBox.warning(parent, QCoreApplication.translate("Transfer", "Cannot complete"), str(exc))
        return
    raise exc


def _attempt(parent: QWidget | None, title: str, fn: Callable[[ProgressFn], T]) -> T | None:
    """`run_with_progress`, for a single step: a known error (or Cancel) is shown and gives None."""
    try:
        return run_with_progress(parent, title, fn)
    except Exception as exc:  # known errors shown, bugs re-raised to the crash handler
        _show_error(parent, exc)
        return None


def _open_file(parent: QWidget, path: Path | None, title: str, file_filter: str) -> Path | None:
    """`path`, or the file the user picks (None if they cancel)."""
    if path is not None:
        return path
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(name) if name else None


def _save_file(parent: QWidget, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
    """Where to write, with `suffix` added when the user left it off (None if they cancel)."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not name:
        return None
    return Path(name if name.lower().endswith(suffix) else name + suffix)


def _export_finished(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("Transfer", "Export finished"), text)


def _finished(parent: QWidget | None, result: importing.ImportResult) -> None:
    text = QCoreApplication.translate(
        "Transfer", "Imported: {created} new, {updated} updated, {unchanged} unchanged."
    ).format(created=result.created, updated=result.updated, unchanged=result.unchanged)
    QMessageBox.information(parent, QCoreApplication.translate("Transfer", "Import finished"), text)


def import_lrmx_files(parent: QWidget, ctx: ServiceContext, paths: Sequence[Path]) -> bool:
    try:
        plan = run_with_progress(
            parent,
            QCoreApplication.translate("Transfer", "Reading appointment forms"),
            lambda p: forms.plan_files(ctx, paths, p),
        )
        chosen = ImportPreviewDialog.ask(parent, plan)
        if chosen is None:
            return False
        result = run_with_progress(
            parent,
            QCoreApplication.translate("Transfer", "Importing"),
            lambda p: importing.apply_plan(ctx, chosen, p),
        )
    except Exception as exc:  # known errors shown, bugs re-raised to the crash handler
        _show_error(parent, exc)
        return False
    _finished(parent, result)
    return result.created + result.updated > 0


def import_roster(parent: QWidget, ctx: ServiceContext, path: Path | None = None) -> bool:
    path = _open_file(
        parent,
        path,
        QCoreApplication.translate("Transfer", "Import roster"),
        QCoreApplication.translate("Transfer", "Excel workbooks (*.xlsx)"),
    )
    if path is None:
        return False
    try:
        sheet = run_with_progress(
            parent,
            QCoreApplication.translate("Transfer", "Reading the roster"),
            lambda p: roster.open_roster(path),
        )
        mapping: dict[str, str] = {}
        if sheet.unmapped:
            asked = ColumnMappingDialog.ask(parent, sheet.unmapped)
            if asked is None:
                return False
            mapping = asked
        _sheet, plan = run_with_progress(
            parent,
            QCoreApplication.translate("Transfer", "Checking the rows"),
            lambda p: roster.plan_roster(ctx, path, mapping=mapping, progress=p),
        )
        # the restore point is copied while the user reads the preview (services.restore_point)
        writes = not plan.rejected and any(i.action != "unchanged" for i in plan.items)
        chosen = ask_with_restore_point(
            parent, ctx, "roster", writes, lambda: ImportPreviewDialog.ask(parent, plan)
        )
        if chosen is None:
            return False
        result = run_with_progress(
            parent,
            QCoreApplication.translate("Transfer", "Importing"),
            lambda p: roster.apply_roster(ctx, chosen, p),
        )
    except Exception as exc:
        _show_error(parent, exc)
        return False
    _finished(parent, result)
    return result.created + result.updated > 0


def import_package(parent: QWidget, ctx: ServiceContext, path: Path | None = None) -> bool:
    path = _open_file(
        parent,
        path,
        QCoreApplication.translate("Transfer", "Import exchange package"),
        QCoreApplication.translate("Transfer", "Exchange packages (*.zip)"),
    )
    if path is None:
        return False
    try:
        plan = _read_package(parent, ctx, path)
        if plan is None:
            return False
        resolutions = PackageConflictDialog.ask(parent, plan)
        if resolutions is None:
            return False
        result = run_with_progress(
            parent,
            QCoreApplication.translate("Transfer", "Importing"),
            lambda p: package.apply_package(ctx, plan, resolutions, progress=p),
        )
    except Exception as exc:
        _show_error(parent, exc)
        return False
    text = QCoreApplication.translate(
        "Transfer", "Added {added}, merged {merged}, kept mine {kept}, unchanged {same}."
    ).format(added=result.added, merged=result.merged, kept=result.kept_mine, same=result.unchanged)
    if result.linked:
        text += " " + QCoreApplication.translate(
            "Transfer", "Linked to cadres of this machine (left as they are): {linked}."
        ).format(linked=result.linked)
    QMessageBox.information(parent, QCoreApplication.translate("Transfer", "Import finished"), text)
    return result.added + result.merged > 0


def _read_package(parent: QWidget, ctx: ServiceContext, path: Path) -> package.PackagePlan | None:
    """The import plan; a sealed package asks for its passphrase, again after a wrong one (None:
    the user cancelled)."""
    title = QCoreApplication.translate("Transfer", "Reading the package")
    if not sealed.is_sealed(path):
        return run_with_progress(parent, title, lambda p: package.plan_package(ctx, path, p))
    message = QCoreApplication.translate(
        "Transfer", "The exchange package {name} is protected by a passphrase. Enter it to read the package."
    ).format(name=path.name)
    while True:
        passphrase = PassphraseDialog.ask(
            parent, QCoreApplication.translate("Transfer", "Encrypted package"), message
        )
        if passphrase is None:
            return None
        try:
            return run_with_progress(parent, title, _planner(ctx, path, passphrase))
        except sealed.SealError as exc:
            message = str(exc)  # wrong passphrase or a tampered file: say so, ask again


def _planner(ctx: ServiceContext, path: Path, passphrase: str) -> Callable[[ProgressFn], package.PackagePlan]:
    return lambda progress: package.plan_package(ctx, path, progress, passphrase)


def _export_passphrase(parent: QWidget) -> tuple[bool, str | None]:
    """(go on, passphrase or None): whether to seal the package, asked before it is written."""
    title = QCoreApplication.translate("Transfer", "Export exchange package")
    answer = QMessageBox.question(
        parent,
        title,
        QCoreApplication.translate(
            "Transfer",
            "Protect the package with a passphrase? It is then encrypted (AES-256) and can only be "
            "imported with the passphrase; tell it to the recipient by another way than the file.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Cancel:
        return False, None
    if answer != QMessageBox.StandardButton.Yes:
        return True, None
    passphrase = PassphraseDialog.ask(
        parent,
        title,
        QCoreApplication.translate("Transfer", "Choose the passphrase of the package."),
        new=True,
    )
    return passphrase is not None, passphrase


def export_lrmx(parent: QWidget, ctx: ServiceContext, cadre_ids: Sequence[int]) -> None:
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Transfer", "Export appointment forms to")
    )
    if not folder:
        return
    result = _attempt(
        parent,
        QCoreApplication.translate("Transfer", "Exporting appointment forms"),
        lambda p: forms.export_files(ctx, cadre_ids, Path(folder), p),
    )
    if result is not None:
        _export_finished(
            parent,
            QCoreApplication.translate("Transfer", "{count} files written to {folder}").format(
                count=len(result.files), folder=folder
            ),
        )


def _export_xlsx(
    parent: QWidget,
    title: str,
    suggested: str,
    working: str,
    write: Callable[[Path, ProgressFn], int],
    done: str,
) -> None:
    """Ask where, write the workbook in the background, say how many rows went where (`done`
    has {count} and {path})."""
    dest = _save_file(
        parent, title, suggested, QCoreApplication.translate("Transfer", "Excel workbooks (*.xlsx)"), ".xlsx"
    )
    if dest is None:
        return
    count = _attempt(parent, working, lambda p: write(dest, p))
    if count is not None:
        _export_finished(parent, done.format(count=count, path=dest))


def export_roster(
    parent: QWidget, ctx: ServiceContext, cadre_ids: Sequence[int], columns: Sequence[str] | None
) -> None:
    _export_xlsx(
        parent,
        QCoreApplication.translate("Transfer", "Export roster"),
        QCoreApplication.translate("Transfer", "roster.xlsx"),
        QCoreApplication.translate("Transfer", "Exporting the roster"),
        lambda dest, p: roster.export_roster(
            ctx, dest, cadre_ids=list(cadre_ids) or None, columns=columns, progress=p
        ),
        QCoreApplication.translate("Transfer", "{count} rows written to {path}"),
    )


def export_package(parent: QWidget, ctx: ServiceContext, cadre_ids: Sequence[int]) -> None:
    dest = _save_file(
        parent,
        QCoreApplication.translate("Transfer", "Export exchange package"),
        QCoreApplication.translate("Transfer", "exchange.zip"),
        QCoreApplication.translate("Transfer", "Exchange packages (*.zip)"),
        ".zip",
    )
    if dest is None:
        return
    go_on, passphrase = _export_passphrase(parent)
    if not go_on:
        return
    counts = _attempt(
        parent,
        QCoreApplication.translate("Transfer", "Writing the package"),
        lambda p: package.export_package(ctx, cadre_ids, dest, p, passphrase),
    )
    if counts is None:
        return
    text = QCoreApplication.translate(
        "Transfer", "{cadres} cadres, {records} records written to {path}"
    ).format(cadres=counts.get("cadre", 0), records=sum(counts.values()), path=dest)
    if counts.get("cadre_ref"):
        text += "\n" + QCoreApplication.translate(
            "Transfer",
            "The package also names {related} related people (name, unit and post only, no other records) "
            "so that the talks and pairings stay linked.",
        ).format(related=counts["cadre_ref"])
    _export_finished(parent, text)


def export_talks(parent: QWidget, ctx: ServiceContext, cadre_ids: Sequence[int] = ()) -> None:
    """Talk records (all, or those of the given cadres) to a formatted .xlsx."""
    _export_xlsx(
        parent,
        QCoreApplication.translate("Transfer", "Export talk records"),
        QCoreApplication.translate("Transfer", "talk records.xlsx"),
        QCoreApplication.translate("Transfer", "Exporting talk records"),
        lambda dest, _p: activity.export_talks(ctx, dest, list(cadre_ids) or None),
        QCoreApplication.translate("Transfer", "{count} talks written to {path}"),
    )


def export_pairing_activity(parent: QWidget, ctx: ServiceContext) -> None:
    """Diary activity per pairing (entries, comments, last entry …) to a formatted .xlsx."""
    _export_xlsx(
        parent,
        QCoreApplication.translate("Transfer", "Export diary activity per pairing"),
        QCoreApplication.translate("Transfer", "pairings.xlsx"),
        QCoreApplication.translate("Transfer", "Exporting diary activity"),
        lambda dest, _p: activity.export_pairing_activity(ctx, dest),
        QCoreApplication.translate("Transfer", "{count} pairings written to {path}"),
    )
