"""What staff do with one owed talk (应谈), wherever it is shown (谈话记录 → 应谈, the profile, 工作台):
record the talk (the editor pre-filled), link a talk by hand, 免谈 / 合并 with a reason, 闭环, reopen.

Each action asks what it needs, calls the service and returns True when something changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from cadre_desk.domain.obligations import ObligationState
from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import obligation_changes, obligations, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.widgets.codes import code_text

OVERDUE = QColor("#b3261e")  # as on 工作台; always with the word 逾期, never colour alone


def state_text(view: obligations.ObligationView) -> str:
    """The state as shown: 待谈, or 待谈 · 逾期 (the word, so print and colour-blind readers see it)."""
    text = code_text(view.state)
    return (
        QCoreApplication.translate("ObligationActions", "{state} · overdue").format(state=text)
        if view.overdue
        else text
    )


def _warn(parent: QWidget, exc: CadreDeskError) -> None:
    text = "；".join(exc.fields.values()) if isinstance(exc, ValidationError) else str(exc)
    QMessageBox.warning(parent, QCoreApplication.translate("ObligationActions", "Not saved"), text)


def record_talk(parent: QWidget, ctx: ServiceContext, view: obligations.ObligationView) -> bool:
    """Open the talk editor pre-filled for this obligation; a saved talk settles it (linked by hand
    when the service did not match it by itself, e.g. the kind was changed in the editor)."""
    saved = TalkEditor.for_obligation(parent, ctx, obligations.talk_draft(ctx, view.id))
    if saved is None:
        return False
    now = obligations.get_obligation(ctx, view.id)
    if now.state == ObligationState.PENDING and view.cadre_id in saved.subject_ids:
        try:
            obligation_changes.link_talk(ctx, view.id, saved.id, now.version)
        except CadreDeskError as exc:
            _warn(parent, exc)
    return True


def link_talk(parent: QWidget, ctx: ServiceContext, view: obligations.ObligationView) -> bool:
    found = talks.list_talks(ctx, cadre_id=view.cadre_id)
    if not found:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("ObligationActions", "Link a talk"),
            QCoreApplication.translate("ObligationActions", "There is no talk record with this cadre yet."),
        )
        return False
    labels = [f"{t.talk_at:%Y.%m.%d %H:%M}  {code_text(t.kind)}  {t.talkers}" for t in found]
    choice, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("ObligationActions", "Link a talk"),
        QCoreApplication.translate("ObligationActions", "Talk with {name}:").format(name=view.cadre_name),
        labels,
        0,
        False,
    )
    if not ok or choice not in labels:
        return False
    try:
        obligation_changes.link_talk(ctx, view.id, found[labels.index(choice)].id, view.version)
    except CadreDeskError as exc:
        _warn(parent, exc)
        return False
    return True


def _reason(parent: QWidget, title: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        title,
        QCoreApplication.translate("ObligationActions", "Reason:"),
        QLineEdit.EchoMode.Normal,
        "",
    )
    return text if ok else None


def waive(parent: QWidget, ctx: ServiceContext, view: obligations.ObligationView) -> bool:
    reason = _reason(parent, QCoreApplication.translate("ObligationActions", "No talk needed"))
    if reason is None:
        return False
    try:
        obligation_changes.waive(ctx, view.id, reason, view.version)
    except CadreDeskError as exc:
        _warn(parent, exc)
        return False
    return True


def merge(parent: QWidget, ctx: ServiceContext, view: obligations.ObligationView) -> bool:
    others = [
        o
        for o in obligations.list_obligations(ctx, cadre_id=view.cadre_id)
        if o.id != view.id and o.state != ObligationState.MERGED
    ]
    if not others:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("ObligationActions", "Merge"),
            QCoreApplication.translate(
                "ObligationActions", "This cadre has no other owed talk to merge this one into."
            ),
        )
        return False
    labels = [f"{o.rule}  {o.event_date:%Y.%m.%d}  {o.event}" for o in others]
    choice, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("ObligationActions", "Merge"),
        QCoreApplication.translate("ObligationActions", "Merge into:"),
        labels,
        0,
        False,
    )
    if not ok or choice not in labels:
        return False
    reason = _reason(parent, QCoreApplication.translate("ObligationActions", "Merge"))
    if reason is None:
        return False
    try:
        obligation_changes.merge(ctx, view.id, others[labels.index(choice)].id, reason, view.version)
    except CadreDeskError as exc:
        _warn(parent, exc)
        return False
    return True


def close(parent: QWidget, ctx: ServiceContext, view: obligations.ObligationView) -> bool:
    try:
        obligation_changes.close(ctx, view.id, view.version)
    except CadreDeskError as exc:
        _warn(parent, exc)
        return False
    return True


def reopen(parent: QWidget, ctx: ServiceContext, view: obligations.ObligationView) -> bool:
    try:
        obligation_changes.reopen(ctx, view.id, view.version)
    except CadreDeskError as exc:
        _warn(parent, exc)
        return False
    return True


def enabled_actions(view: obligations.ObligationView | None) -> dict[str, bool]:
    """Which actions apply to an obligation in its state."""
    state = view.state if view is not None else None
    pending = state == ObligationState.PENDING
    return {
        "talk": pending,
        "link": state in (ObligationState.PENDING, ObligationState.TALKED),
        "waive": pending,
        "merge": pending,
        "close": state == ObligationState.TALKED,
        "reopen": state is not None and not pending,
    }
