"""The global search (Ctrl+F): one box that finds any record, with typed hits and snippets.

Typing waits a moment, then `services.search.search` (the full-text index, every kind) fills a results
panel under the box. Keyboard: Down moves into the results, Enter opens a hit, Esc closes the panel
(a second Esc clears the box). The last row, "Show more…", fetches the next page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.services import search
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.record_kinds import kind_label
from cadre_desk.ui.widgets.weak import BackRef

Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 200
PAGE_SIZE = 30
HitRole = Qt.ItemDataRole.UserRole + 1
MoreRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Results:
    query: str
    hits: tuple[search.SearchHit, ...]
    total: int
    total_is_lower_bound: bool

    @property
    def has_more(self) -> bool:
        return len(self.hits) < self.total


class SearchResultsModel(QAbstractListModel):
    """The hits so far, plus a last "Show more…" row while more remain."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results = Results("", (), 0, False)
        self._more = False

    def set_results(self, results: Results) -> None:
        self.beginResetModel()
        self.results = results
        self._more = results.has_more
        self.endResetModel()

    def append(self, hits: tuple[search.SearchHit, ...]) -> None:
        """Add the next page; the "more" row goes first if nothing remains after it."""
        old = self.results
        new = Results(old.query, old.hits + hits, old.total, old.total_is_lower_bound)
        if self._more and not new.has_more:
            last = len(old.hits)
            self.beginRemoveRows(QModelIndex(), last, last)
            self._more = False
            self.endRemoveRows()
        if hits:
            first = len(old.hits)
            self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
            self.results = new
            self.endInsertRows()

    def _more_row(self) -> bool:
        return self._more

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        if parent.isValid():
            return 0
        return len(self.results.hits) + (1 if self._more_row() else 0)

    def hit(self, row: int) -> search.SearchHit | None:
        hits = self.results.hits
        return hits[row] if 0 <= row < len(hits) else None

    def is_more(self, row: int) -> bool:
        return self._more_row() and row == len(self.results.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        hit = self.hit(index.row())
        if hit is None:  # the "more" row
            if role == Qt.ItemDataRole.DisplayRole:
                left = self.results.total - len(self.results.hits)
                plus = "+" if self.results.total_is_lower_bound else ""
                return self.tr("Show more… ({left}{plus} left)").format(left=left, plus=plus)
            if role == MoreRole:
                return True
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            day = hit.date[:10].replace("-", ".")  # 2024.05.17, as dates are written everywhere else
            return f"[{kind_label(hit.kind)}] {hit.title}  {day}\n{hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == HitRole:
            return hit
        if role == MoreRole:
            return False
        return None


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """`text` as HTML with the matched spans in bold."""
    out, pos = [], 0
    for start, length in spans:
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<b>{html.escape(text[start : start + length])}</b>")
        pos = start + length
    out.append(html.escape(text[pos:]))
    return "".join(out)


class HitDelegate(QStyledItemDelegate):
    """Two lines per hit: kind, title and date; then the snippet with the matched terms in bold."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        option_ = QTextOption()
        option_.setWrapMode(QTextOption.WrapMode.NoWrap)  # one line each: the row height is fixed
        doc.setDefaultTextOption(option_)
        width = option.rect.width()
        hit = index.data(HitRole)
        if isinstance(hit, search.SearchHit):
            metrics = option.fontMetrics
            snippet = metrics.elidedText(hit.snippet, Qt.TextElideMode.ElideRight, max(width - 24, 100))
            kind = html.escape(kind_label(hit.kind))
            title = html.escape(hit.title)
            doc.setHtml(
                f"<span style='color:#1a5fb4'>【{kind}】</span><b>{title}</b>"
                f"&nbsp;&nbsp;<span style='color:gray'>{html.escape(hit.date[:10])}</span>"
                f"<br/>{_marked(snippet, hit.highlights)}"
            )
        else:
            doc.setHtml(f"<span style='color:#1a5fb4'>{html.escape(str(index.data() or ''))}</span>")
        doc.setTextWidth(max(width, 200))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        rect = option.rect
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        lines = 1 if index.data(MoreRole) else 2
        height = option.fontMetrics.lineSpacing() * lines + 12
        return QSize(option.rect.width(), height)


class GlobalSearch(QObject):
    """Drives `box` and a results panel floating over `host` (the main window)."""

    open_record = Signal(str, int)  # kind, id

    host: BackRef[QWidget] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, ctx: ServiceContext, box: QLineEdit, host: QWidget) -> None:
        super().__init__(host)
        self._ctx = ctx
        self.box = box
        self.host = host
        self.model = SearchResultsModel(self)

        self.panel = QFrame(host)
        self.panel.setObjectName("searchResults")
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.panel.setAutoFillBackground(True)
        self.status = QLabel(self.panel)
        self.status.setObjectName("searchStatus")
        self.status.setContentsMargins(6, 4, 6, 0)
        self.list = QListView(self.panel)
        self.list.setObjectName("searchHits")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HitDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._clicked)
        self.list.installEventFilter(self)
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(2)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        self.panel.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run)
        box.textChanged.connect(self._text_changed)
        box.returnPressed.connect(self._return_pressed)
        box.installEventFilter(self)
        host.installEventFilter(self)

    # --- searching -------------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.close()

    def run(self) -> None:
        """Search now for the box's text (the first page)."""
        self._timer.stop()
        query = self.box.text().strip()
        if not query:
            self.close()
            return
        page = search.search(self._ctx, query, limit=PAGE_SIZE)
        self.model.set_results(Results(query, page.hits, max(page.total, 0), page.total_is_lower_bound))
        self._show_status()
        self.open_panel()

    def more(self) -> None:
        """Fetch the next page of hits after the ones shown."""
        results = self.model.results
        if not results.has_more:
            return
        page = search.search(
            self._ctx, results.query, limit=PAGE_SIZE, offset=len(results.hits), with_total=False
        )
        if not page.hits:  # the index changed meanwhile: what is shown is all there is
            self.model.set_results(Results(results.query, results.hits, len(results.hits), False))
        else:
            self.model.append(page.hits)
        self._show_status()

    def _show_status(self) -> None:
        results = self.model.results
        if not results.hits:
            self.status.setText(self.tr("Nothing found for “{query}”").format(query=results.query))
        elif results.total_is_lower_bound:
            self.status.setText(
                self.tr("More than {total} hits; showing {shown}").format(
                    total=results.total, shown=len(results.hits)
                )
            )
        else:
            self.status.setText(
                self.tr("{total} hits; showing {shown}").format(total=results.total, shown=len(results.hits))
            )

    # --- the panel -------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.panel.isVisible()

    def open_panel(self) -> None:
        self._place()
        self.panel.show()
        self.panel.raise_()

    def close(self) -> None:
        self.panel.hide()

    def _place(self) -> None:
        corner = self.box.mapTo(self.host, QPoint(0, self.box.height() + 2))
        width = max(self.box.width(), 680)
        x = min(corner.x(), max(0, self.host.width() - width - 4))
        height = min(460, max(160, self.host.height() - corner.y() - 40))
        self.panel.setGeometry(x, corner.y(), width, height)

    def _clicked(self, index: QModelIndex) -> None:
        self.activate(index.row())

    def activate(self, row: int) -> None:
        """Open the hit in `row`, or fetch more if it is the "more" row."""
        if self.model.is_more(row):
            self.more()
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
            return
        hit = self.model.hit(row)
        if hit is None:
            return
        self.close()
        self.open_record.emit(hit.kind, hit.ref_id)

    def _return_pressed(self) -> None:
        if self._timer.isActive() or not self.is_open:
            self.run()
        if self.model.hit(0) is not None:
            self.activate(0)

    def focus_results(self) -> None:
        if not self.is_open:
            self.run()
        if self.model.rowCount():
            self.list.setFocus(Qt.FocusReason.TabFocusReason)
            current = self.list.currentIndex()
            if not current.isValid():
                self.list.setCurrentIndex(self.model.index(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # `host` is read only for a resize: the window's own events reach this filter while it is
        # being destroyed, after its Python object is gone (freed by reference counting).
        if kind == QEvent.Type.Resize and self.is_open and watched is self.host:
            self._place()
        elif watched is self.box and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._box_key(event)
        elif watched is self.list and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._list_key(event)
        return False

    def _box_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Down and self.box.text().strip():
            self.focus_results()
            return True
        if key == Qt.Key.Key_Escape:
            if self.is_open:
                self.close()
            else:
                self.box.clear()
            return True
        return False

    def _list_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        row = self.list.currentIndex().row()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate(row)
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if key == Qt.Key.Key_Up and row <= 0:
            self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False
