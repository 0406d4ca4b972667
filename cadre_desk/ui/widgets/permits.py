"""What the signed-in account may do, as the widgets show it: one place between the buttons and menu
actions and `services.access`.

The services decide (a denied call raises `PermissionDenied`); the window only avoids offering what
would be refused. Every button or menu action that starts a service call is passed once to `guard`
with the action it starts (an `Act`, which names the permissions any one of which allows it).
`guard` tags the item with that need (the Qt property `PROPERTY`, which the tests read) and hides it
when the context's account has none of them. Items that start no service call on records (filters,
searching, showing more rows) are tagged `Act.VIEW`, so that a test can tell an untagged button from
a harmless one.

An open database (no account has a password yet: `ctx.permissions is None`) may do everything.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.weak import weak_method

PROPERTY = "cadreDeskNeeds"  # "records.write|mentor.own": the permissions, any one of which allows it
P = Permission


class Act(Enum):
    """What a button or menu action does, with the permissions any one of which allows it."""

    VIEW = (P.SIGNED_IN,)  # show, filter, search, page through what the account may already read
    RECORDS = (P.RECORDS_READ,)  # every cadre's records (not only a 导师's own mentees)
    WRITE = (P.RECORDS_WRITE,)  # 新建、编辑、删除/归档、处置、研判、添加到人才库 …
    COMMENT = (P.RECORDS_WRITE, P.MENTOR)  # 导师点评: the clerk or the entry's own mentor
    MENTOR = (P.MENTOR,)  # a 导师's own pairings and his mentees' diaries
    OUTPUT = (P.OUTPUT,)  # 打印、导出
    IMPORT = (P.IMPORT,)  # 导入
    TOLERANCE = (P.TOLERANCE,)  # 容错案件
    AUDIT = (P.AUDIT,)  # the audit trail and its export
    SETTINGS = (P.SETTINGS,)  # settings and local rules
    ACCOUNTS = (P.ACCOUNTS,)
    BACKUP = (P.BACKUP,)  # 备份数据库… (a copy)
    RESTORE = (P.RESTORE,)  # 从备份恢复… (the administrator's: it replaces everything)

    @property
    def permissions(self) -> tuple[Permission, ...]:
        return tuple(self.value)


def allows(ctx: ServiceContext, act: Act) -> bool:
    """True when the context's account may do `act` (any one of its permissions)."""
    return any(access.can(ctx, p) for p in act.permissions)


def needs_of(item: QObject) -> tuple[Permission, ...] | None:
    """The permissions `guard` tagged `item` with (None: never passed to `guard`)."""
    value = item.property(PROPERTY)
    if not isinstance(value, str) or not value:
        return None
    return tuple(Permission(str(v)) for v in value.split("|"))


def guard(ctx: ServiceContext, act: Act, *items: QWidget | QAction | None) -> bool:
    """Tag `items` with what `act` needs and hide them unless the account may do it. Returns whether
    it may (the caller makes its inputs read-only when it may not write)."""
    allowed = allows(ctx, act)
    tag(act, *(item for item in items if item is not None))
    if not allowed:
        for item in items:
            if item is None:
                continue
            item.setVisible(False)
            if isinstance(item, QAction):  # a page showing it again (a menu rebuilt) hides it again
                item.changed.connect(lambda a=item: a.setVisible(False) if a.isVisible() else None)
    return allowed


def add_action(ctx: ServiceContext, menu: QMenu, act: Act, text: str, slot: Callable[[], object]) -> QAction:
    """`menu.addAction(text, slot)`, guarded for `act` (a context menu built on demand)."""
    action = menu.addAction(text)
    call = weak_method(slot)  # a method of the menu's page: held weakly (the menu is the page's child)
    action.triggered.connect(lambda _checked=False: call())
    guard(ctx, act, action)
    return action


def make_read_only(*roots: QWidget) -> None:
    """Every input under `roots` shows its value but takes no edit: texts and numbers read-only,
    choices and ticks disabled (not the guarded ones: a tab strip, a filter), tables without edit
    triggers (an editor opened for a reader)."""
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
                w.setReadOnly(True)
            elif isinstance(w, QComboBox) or (
                isinstance(w, QAbstractButton) and w.isCheckable() and needs_of(w) is None
            ):
                w.setEnabled(False)
            elif isinstance(w, QAbstractItemView):
                w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)


def tag(act: Act, *items: QWidget | QAction) -> None:
    """Tag `items` with what `act` needs without hiding anything (a widget without the context that
    its owner guards, or `Act.VIEW` items that every signed-in account may use)."""
    value = "|".join(p.value for p in act.permissions)
    for item in items:
        item.setProperty(PROPERTY, value)
