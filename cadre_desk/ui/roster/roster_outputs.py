"""The roster's outputs for the selected cadres, in its context menu: printing and the exports.

Printing and transfer are imported on first use: start-up loads neither reportlab nor openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.permits import Act, add_action


def add_output_actions(
    menu: QMenu,
    parent: QWidget,
    ctx: ServiceContext,
    ids: list[int],
    compare: Callable[[list[int]], None],
    export_fields: Callable[[], list[str]],
) -> None:
    """Print (one cadre: dossier and appointment form; any: batch), compare (2 or more), export."""
    translate = QCoreApplication.translate
    if len(ids) == 1:
        add_action(
            ctx,
            menu,
            Act.OUTPUT,
            translate("RosterOutputs", "Print dossier…"),
            lambda: print_dossier(parent, ctx, ids[0]),
        )
        add_action(
            ctx,
            menu,
            Act.OUTPUT,
            translate("RosterOutputs", "Print appointment form…"),
            lambda: print_form(parent, ctx, ids[0]),
        )
    add_action(
        ctx,
        menu,
        Act.OUTPUT,
        translate("RosterOutputs", "Batch print…"),
        lambda: batch_print(parent, ctx, ids),
    )
    if len(ids) >= 2:
        add_action(
            ctx, menu, Act.VIEW, translate("RosterOutputs", "Compare side by side…"), lambda: compare(ids)
        )
    menu.addSeparator()
    add_action(
        ctx,
        menu,
        Act.OUTPUT,
        translate("RosterOutputs", "Export appointment forms (.lrmx)…"),
        lambda: export_lrmx(parent, ctx, ids),
    )
    add_action(
        ctx,
        menu,
        Act.OUTPUT,
        translate("RosterOutputs", "Export roster (Excel)…"),
        lambda: export_roster(parent, ctx, ids, export_fields()),
    )


def print_dossier(parent: QWidget, ctx: ServiceContext, cadre_id: int) -> None:
    from cadre_desk.ui.printing import printing

    printing.print_cadre_dossier(parent, ctx, cadre_id)


def print_form(parent: QWidget, ctx: ServiceContext, cadre_id: int) -> None:
    from cadre_desk.ui.printing import printing

    printing.print_appointment_form(parent, ctx, cadre_id)


def batch_print(parent: QWidget, ctx: ServiceContext, ids: list[int]) -> None:
    from cadre_desk.ui.printing import printing

    printing.batch_print(parent, ctx, ids, QCoreApplication.translate("RosterOutputs", "Cadre dossiers"))


def export_lrmx(parent: QWidget, ctx: ServiceContext, ids: list[int]) -> None:
    from cadre_desk.ui.transfer import transfer

    transfer.export_lrmx(parent, ctx, ids)


def export_roster(parent: QWidget, ctx: ServiceContext, ids: list[int], fields: list[str]) -> None:
    from cadre_desk.ui.transfer import transfer

    transfer.export_roster(parent, ctx, ids, fields)
