"""The leadership team (班子) of one unit: its posts (正职 / 副职, 职数) with their holders, and the
actions on them. Posts are the tree's top rows, holders their children; a post short of its 职数 shows
its vacancies, one over it is marked red."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import teams
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.units.member_dialog import MemberDialog
from cadre_desk.ui.units.post_dialog import PostDialog
from cadre_desk.ui.widgets import confirm
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.form_errors import ERROR_STYLE
from cadre_desk.ui.widgets.messages import joined, user_text
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.weak import weak_slot

POST_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 2
OVER = QColor("#b3261e")
VACANT = QColor("#8a6d00")


class EndTenure:
    @classmethod
    def ask(cls, parent: QWidget, name: str, post: str, today: dt.date | None = None) -> str | None:
        """The month `name` left `post` (typed, e.g. 2025.06), or None when cancelled."""
        day = today or dt.date.today()
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("TeamPanel", "Leaves the post"),
            QCoreApplication.translate("TeamPanel", "Month {name} left {post} (e.g. 2025.06):").format(
                name=name, post=post
            ),
            text=f"{day:%Y.%m}",
        )
        return text if ok else None


class TeamPanel(QWidget):
    """`changed` after every saved change (the unit tree shows the team's fill)."""

    changed = Signal()

    POST, LEVEL, SLOTS, HOLDERS = range(4)

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self._unit_id: int | None = None
        self.team: teams.LeadershipTeamView | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("teamSummary")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("teamTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("Post / holder"), self.tr("Chief/deputy"), self.tr("Posts"), self.tr("Held / since")]
        )
        self.tree.setColumnWidth(self.POST, 260)
        self.tree.setColumnWidth(self.LEVEL, 80)
        self.tree.setColumnWidth(self.SLOTS, 50)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(weak_slot(self._update_buttons))
        self.tree.itemDoubleClicked.connect(weak_slot(self._double_clicked))
        self.message = QLabel(self)
        self.message.setObjectName("teamMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        def button(text: str, slot: Callable[..., object], name: str, *args: object) -> QPushButton:
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.clicked.connect(weak_slot(slot, *args))  # slot(*args)
            return b

        self.add_post_button = button(self.tr("Add post…"), self.add_post, "addPost")
        self.edit_post_button = button(self.tr("Edit post…"), self.edit_post, "editPost")
        self.post_up_button = button(self.tr("Up"), self.move_post, "postUp", -1)
        self.post_down_button = button(self.tr("Down"), self.move_post, "postDown", 1)
        self.remove_post_button = button(self.tr("Remove post"), self.remove_post, "removePost")
        self.add_member_button = button(self.tr("Appoint…"), self.add_member, "addMember")
        self.end_member_button = button(self.tr("Leaves the post…"), self.end_member, "endMember")
        self.remove_member_button = button(self.tr("Entered by mistake"), self.remove_member, "removeMember")
        self.remove_member_button.setToolTip(
            self.tr("Take out a holder entered by mistake (no tenure is kept)")
        )
        self.writable = guard(
            ctx,
            Act.WRITE,
            self.add_post_button,
            self.edit_post_button,
            self.post_up_button,
            self.post_down_button,
            self.remove_post_button,
            self.add_member_button,
            self.end_member_button,
            self.remove_member_button,
        )
        row1 = QHBoxLayout()
        for b in (self.add_post_button, self.edit_post_button, self.post_up_button, self.post_down_button):
            row1.addWidget(b)
        row1.addWidget(self.remove_post_button)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for b in (self.add_member_button, self.end_member_button, self.remove_member_button):
            row2.addWidget(b)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addLayout(row1)
        layout.addLayout(row2)
        self.show_unit(None)

    def _double_clicked(self) -> None:
        if self.writable:
            self.edit_post()

    # --- showing ---------------------------------------------------------------------------------

    def show_unit(self, unit_id: int | None, editable: bool = True) -> None:
        self._unit_id = unit_id
        self._editable = editable
        self.say("")
        self.reload()

    def reload(self, keep: tuple[int, int | None] | None = None) -> None:
        """Fetch the team again; `keep` = (post id, member id or None) to select afterwards."""
        if keep is None:
            keep = self._selection()
        self.tree.clear()
        self.team = None
        if self._unit_id is None:
            self.summary.setText(self.tr("Choose a unit to see its leadership team."))
            self._update_buttons()
            return
        try:
            self.team = teams.get_team(self._ctx, self._unit_id)
        except CadreDeskError as exc:
            self.summary.setText(str(exc))
            self._update_buttons()
            return
        team = self.team
        self.summary.setText(
            self.tr("Approved posts {slots} · held {filled} · vacant {vacant}").format(
                slots=team.slots, filled=team.filled, vacant=team.vacant
            )
            if team.posts
            else self.tr("No leadership team posts yet: add the posts of this unit's 班子.")
        )
        target: QTreeWidgetItem | None = None
        for post in team.posts:
            item = QTreeWidgetItem(self.tree)
            item.setText(self.POST, post.name)
            item.setText(self.LEVEL, code_text(post.level))
            item.setText(self.SLOTS, str(post.slots))
            held = self.tr("{filled} of {slots}").format(filled=post.filled, slots=post.slots)
            if post.vacant:
                held += self.tr(", {count} vacant").format(count=post.vacant)
                item.setForeground(self.HOLDERS, QBrush(VACANT))
            if post.over:
                held += self.tr(", {count} over").format(count=post.over)
                item.setForeground(self.HOLDERS, QBrush(OVER))
            item.setText(self.HOLDERS, held)
            item.setData(self.POST, POST_ROLE, post.id)
            for member in post.members:
                child = QTreeWidgetItem(item)
                child.setText(self.POST, f"{member.name}（{member.gender}，{member.birth}）")
                child.setToolTip(self.POST, member.post)
                child.setText(self.HOLDERS, str(member.since) if member.since else "")
                child.setData(self.POST, POST_ROLE, post.id)
                child.setData(self.POST, MEMBER_ROLE, member.id)
                if keep == (post.id, member.id):
                    target = child
            item.setExpanded(True)
            if keep == (post.id, None):
                target = item
        if target is not None:
            self.tree.setCurrentItem(target)
        self._update_buttons()

    def _selection(self) -> tuple[int, int | None] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        post = item.data(self.POST, POST_ROLE)
        member = item.data(self.POST, MEMBER_ROLE)
        return (
            (int(post), int(member) if isinstance(member, int) else None) if isinstance(post, int) else None
        )

    def current_post(self) -> teams.TeamPostView | None:
        chosen = self._selection()
        if chosen is None or self.team is None:
            return None
        return next((p for p in self.team.posts if p.id == chosen[0]), None)

    def current_member(self) -> teams.TeamMemberView | None:
        chosen = self._selection()
        post = self.current_post()
        if chosen is None or chosen[1] is None or post is None:
            return None
        return next((m for m in post.members if m.id == chosen[1]), None)

    def select_post(self, name: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.text(self.POST) == name:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _update_buttons(self) -> None:
        has_unit = self._unit_id is not None and self.team is not None and self._editable
        post = self.current_post() if has_unit else None
        member = self.current_member() if has_unit else None
        self.add_post_button.setEnabled(has_unit)
        for b in (self.edit_post_button, self.post_up_button, self.post_down_button, self.add_member_button):
            b.setEnabled(post is not None)
        self.remove_post_button.setEnabled(post is not None and not post.members)
        self.end_member_button.setEnabled(member is not None)
        self.remove_member_button.setEnabled(member is not None)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _done(self, keep: tuple[int, int | None] | None, warning: str = "") -> None:
        self.reload(keep)
        self.say(user_text(warning) if warning else "")
        self.changed.emit()

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValidationError as exc:
            self.reload()
            self.say(joined(exc.fields))
            return False
        except CadreDeskError as exc:
            self.reload()
            self.say(str(exc))
            return False
        return True

    # --- posts -----------------------------------------------------------------------------------

    def add_post(self) -> None:
        if self._unit_id is None:
            return
        saved = PostDialog.ask(self, self._ctx, self._unit_id)
        if saved is not None:
            post, warning = saved
            self._done((post.id, None), warning)

    def edit_post(self) -> None:
        post = self.current_post()
        if post is None or self._unit_id is None or not self._editable:
            return
        saved = PostDialog.ask(self, self._ctx, self._unit_id, post)
        if saved is not None:
            view, warning = saved
            self._done((view.id, None), warning)

    def move_post(self, offset: int) -> None:
        post = self.current_post()
        if post is not None and self._run(lambda: teams.move_post(self._ctx, post.id, offset)):
            self._done((post.id, None))

    def remove_post(self) -> None:
        post = self.current_post()
        if post is None:
            return
        if not confirm.confirmed(
            self,
            self.tr("Remove post"),
            self.tr("Remove the post “{post}” from this team?").format(post=post.name),
        ):
            return
        if self._run(lambda: teams.archive_post(self._ctx, post.id, post.version)):
            self._done(None)

    # --- holders ---------------------------------------------------------------------------------

    def add_member(self) -> None:
        post = self.current_post()
        if post is None:
            return
        result = MemberDialog.ask(self, self._ctx, post)
        if result is not None:
            self._done((post.id, result.member.id), result.warning)

    def end_member(self) -> None:
        member = self.current_member()
        post = self.current_post()
        if member is None or post is None:
            return
        until = EndTenure.ask(self, member.name, post.name, self._today)
        if until is not None and self._run(
            lambda: teams.end_member(self._ctx, member.id, until, member.version)
        ):
            self._done((post.id, None))

    def remove_member(self) -> None:
        member = self.current_member()
        post = self.current_post()
        if member is None or post is None:
            return
        if not confirm.confirmed(
            self,
            self.tr("Entered by mistake"),
            self.tr("Take {name} out of “{post}” as entered by mistake? No tenure is kept.").format(
                name=member.name, post=post.name
            ),
        ):
            return
        if self._run(lambda: teams.remove_member(self._ctx, member.id, member.version)):
            self._done((post.id, None))
