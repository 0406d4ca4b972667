"""The profile's 任免 tab (the appointment form's own data) and the form's print path: saved with the
profile, validated at the fields, printed (with a 草稿 watermark when asked), refused when too long."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import appointment, cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.printing import printing
from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog
from cadre_desk.ui.roster.roster_page import RosterPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(roster_page: RosterPage, sample_cadres: dict[str, cadres.CadreView]) -> RosterPage:
    roster_page.show_cadre(sample_cadres["张三"].id)
    return roster_page


def _type(qtbot: QtBot, page: RosterPage, name: str, text: str) -> None:
    """Type into a field as a user would (QTest cannot type Chinese: it is inserted at the cursor)."""
    edit = page.profile.case_form.edits[name]
    edit.selectAll()
    if isinstance(edit, QPlainTextEdit):
        edit.insertPlainText(text)
    else:
        edit.insert(text)


def test_the_case_tab_saves_with_the_profile(qtbot: QtBot, page: RosterPage, ctx: ServiceContext) -> None:
    view = page.profile
    cadre_id = view.cadre_id
    assert cadre_id is not None
    view.tabs.setCurrentWidget(view.case_scroll)
    assert view.case_form.state.isVisible()  # a new form's values
    assert not view.is_dirty()
    _type(qtbot, page, "proposed_post", "XX县XX镇党委书记")
    _type(qtbot, page, "reason", "工作需要")
    _type(qtbot, page, "filled_by", "刘䶮")
    _type(qtbot, page, "age_reference", "2024.04.30")
    assert view.is_dirty() and view.save_button.isEnabled()
    assert view.save()
    case = appointment.get_case(ctx, cadre_id)
    assert case.saved and case.proposed_post == "XX县XX镇党委书记" and case.reason == "工作需要"
    assert (case.filled_by, case.age_reference) == ("刘䶮", dt.date(2024, 4, 30))
    assert not view.is_dirty() and not view.case_form.state.isVisible()
    # A wrong date is shown at its field and nothing is saved.
    _type(qtbot, page, "filled_on", "2024.13.40")
    assert not view.save()
    assert view.case_form.errors["filled_on"].isVisible()
    assert view.tabs.currentWidget() is view.case_scroll
    view.revert()
    assert not view.is_dirty()


def _previews(parent: QWidget) -> list[PdfPreviewDialog]:
    return [d for d in parent.findChildren(PdfPreviewDialog) if shiboken6.isValid(d) and d.isVisible()]


def test_the_form_prints_as_draft_or_says_what_is_too_long(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    zhang = sample_cadres["张三"]
    appointment.save_case(
        ctx,
        zhang.id,
        appointment.CaseInput(proposed_post="某镇党委书记", age_reference="2024.04.30"),
        zhang.version,
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    printing.print_appointment_form(parent, ctx, zhang.id, draft=True)
    qtbot.waitUntil(lambda: bool(_previews(parent)), timeout=60_000)
    dialog = _previews(parent)[0]
    assert dialog.page_count == 2
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=dialog.data, capture_output=True, check=True)
    flat = "".join(text.stdout.decode("utf-8").split())
    assert "某镇党委书记" in flat and "草稿" in flat
    dialog.close()

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, message, *_a: warnings.append(message))
    version = cadres.get_cadre(ctx, zhang.id).version
    appointment.save_case(
        ctx, zhang.id, appointment.CaseInput(reason="理由" * 950, age_reference="2024.04.30"), version
    )
    printing.print_appointment_form(parent, ctx, zhang.id)
    qtbot.waitUntil(lambda: bool(warnings), timeout=60_000)
    assert "张三" in warnings[0] and "任免理由" in warnings[0] and "5.5" in warnings[0]
    assert not _previews(parent)


def test_the_draft_checkbox_reaches_the_print(
    qtbot: QtBot, page: RosterPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[int, bool]] = []
    monkeypatch.setattr(
        printing,
        "print_appointment_form",
        lambda _p, _c, cadre_id, draft=False: made.append((cadre_id, draft)),
    )
    view = page.profile
    view.print_form_action.trigger()
    view.print_draft_action.setChecked(True)
    view.print_form_action.trigger()
    assert made == [(view.cadre_id, False), (view.cadre_id, True)]


@pytest.mark.usefixtures("english")
def test_in_english_the_too_long_message_and_field_errors_are_english(
    qtbot: QtBot, page: RosterPage, ctx: ServiceContext
) -> None:
    from cadre_desk.reports.appointment_options import FormTooLong
    from cadre_desk.ui.widgets.messages import joined

    text = joined(FormTooLong("张三", ["简历", "任免理由"]).fields)
    assert text.startswith("The appointment form of 张三 was not printed") and "“简历”、“任免理由”" in text
    view = page.profile
    _type(qtbot, page, "age_reference", "2024.13.40")
    assert not view.save()
    assert view.case_form.errors["age_reference"].text().startswith("The date ages are counted at:")
