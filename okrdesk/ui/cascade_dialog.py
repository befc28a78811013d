"""The cascade board in a window of its own: every unit of a cycle against the two weeks.

The seed's rule: if a team has not set its OKRs within two weeks of the company's approval,
everything else waits. The board lists every unit of the organisation in its tree (people are
counted on their unit's row), its state, its people's OKRs confirmed, and the days left of the
two weeks, or how far past them it is; overdue units are highlighted. It follows every change
that can move a unit (a sign-off, a phase, a new workshop or unit), and the date as it turns
at midnight. While open it is on the projector too, unless the facilitator unticks that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.cascade import CascadeBoard, CascadeState, cascade_board
from okrdesk.engine.cascade_cycle import board_cycle_id
from okrdesk.engine.cascade_words import (
    BoardRow,
    RowMark,
    board_rows,
    column_titles,
    countdown_line,
    deadline_line,
    title_line,
    totals_line,
)
from okrdesk.engine.changes import Change
from okrdesk.engine.workshop_list import CycleEntry, workshop_list
from okrdesk.messages import translate
from okrdesk.ui.plain_label import PlainLabel, plain_tip
from okrdesk.ui.projector.cascade_screen import CascadeSlide
from okrdesk.ui.session import PlanSession
from okrdesk.ui.style import DANGER, OK

UNIT_ROLE = Qt.ItemDataRole.UserRole
# What can move a unit on the board: its workshops' sign-offs and phases, new or removed
# workshops, units and cycles (check-ins, cards or dots never do).
BOARD_ASPECTS = (Aspect.SIGNOFF, Aspect.PHASE, Aspect.WORKSHOPS, Aspect.UNITS, Aspect.CYCLES)
OVERDUE_BACKGROUND = QColor("#fee2e2")  # DANGER's text on it: 5.9:1
LATE = QColor("#b45309")
MUTED = QColor("#4b5563")
STATE_COLOURS = {
    CascadeState.APPROVED: QColor(OK),
    CascadeState.RETURNED: LATE,
    CascadeState.IN_PROGRESS: QColor("#1d4ed8"),
    CascadeState.NOT_STARTED: MUTED,
}


def laptop_today(clock: Callable[[], datetime]) -> tuple[date, tzinfo]:
    """Today on the laptop and its time zone, by the plan's clock (no view reads the clock)."""
    now = clock().astimezone()
    zone = now.tzinfo
    assert zone is not None
    return now.date(), zone


def board_cycle(session: PlanSession, workshop_id: int | None) -> int | None:
    """The cycle the board opens on: the shown workshop's, else the one under way today."""
    today, _zone = laptop_today(session.clock)
    return session.view(board_cycle_id, workshop_id, today)


class BoardTree(QTreeWidget):
    """The board's units in their tree, one row each (the plan's board and the organisation
    store's): rows whose words changed are set in place, the tree is rebuilt only when the
    units or their nesting change. A draft's row (the store's) is in italics."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.rows: tuple[BoardRow, ...] = ()
        self.setColumnCount(4)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 120), (2, 190), (3, 250)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

    def show_rows(self, rows: tuple[BoardRow, ...]) -> None:
        before = self.rows
        self.rows = rows
        shape = tuple((row.unit_id, row.depth) for row in rows)
        if shape != tuple((row.unit_id, row.depth) for row in before):
            self._build()
        else:  # the same units in the same tree: only the rows whose words changed are set
            for old, row in zip(before, rows, strict=True):
                if old != row:
                    self._fill(self.items[row.unit_id], row)

    def _build(self) -> None:
        self.clear()
        self.items = {}
        parents: list[QTreeWidgetItem] = []  # the last item seen at each depth
        for row in self.rows:
            del parents[row.depth :]
            item = QTreeWidgetItem(parents[-1]) if parents else QTreeWidgetItem(self)
            item.setData(0, UNIT_ROLE, row.unit_id)
            parents.append(item)
            self.items[row.unit_id] = item
            self._fill(item, row)
        self.expandAll()

    def _fill(self, item: QTreeWidgetItem, row: BoardRow) -> None:
        """One unit's row: its texts and colours (an overdue row on red)."""
        texts = (row.name, row.state_text, row.people, row.time)
        for column, text in enumerate(texts):
            if item.text(column) != text:
                item.setText(column, text)
        item.setToolTip(0, plain_tip(row.name))
        overdue = row.mark == RowMark.OVERDUE
        background = QBrush(OVERDUE_BACKGROUND) if overdue else QBrush()
        for column in range(4):
            item.setBackground(column, background)
        item.setForeground(1, QBrush(STATE_COLOURS[row.state]))
        colour = {RowMark.OVERDUE: QColor(DANGER), RowMark.LATE: LATE, RowMark.DONE: MUTED}
        found = colour.get(row.mark)
        item.setForeground(3, QBrush(found) if found is not None else QBrush())
        font = item.font(3)
        if font.bold() != overdue:
            font.setBold(overdue)
            item.setFont(3, font)
        for column in (0, 1):
            font = item.font(column)
            if font.italic() != row.draft:
                font.setItalic(row.draft)
                item.setFont(column, font)


def board_slide(
    board: CascadeBoard, rows: tuple[BoardRow, ...], language: str, title: str | None = None
) -> CascadeSlide:
    """The board as the room sees it (``title``: another heading than the plan board's)."""
    return CascadeSlide(
        title=title_line(board, language) if title is None else title,
        deadline=deadline_line(board, language),
        countdown=countdown_line(board, language),
        totals=totals_line(board, language),
        columns=column_titles(language),
        rows=rows,
        people=board.people > 0,
        overdue=bool(board.overdue),
        page_words=translate("summary.cascade_page", language, page="{page}", pages="{pages}"),
    )


class CascadeDialog(QDialog):
    """The board of one cycle (the facilitator may pick another), kept current."""

    def __init__(
        self,
        session: PlanSession,
        cycle_id: int,
        parent: QWidget | None = None,
        projector: Callable[[CascadeSlide | None], None] | None = None,
        open_workshop: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cascade_dialog")
        self.session = session
        self.cycle_id = cycle_id
        self.projector = projector
        self.open_workshop = open_workshop  # a unit's row activated: its workshop in the window
        self.board: CascadeBoard | None = None
        self.rows: tuple[BoardRow, ...] = ()
        self.stale = True  # the board shown is not known to be current (read when shown)
        self.heading = PlainLabel()
        heading_font = self.heading.font()
        heading_font.setPixelSize(round(heading_font.pixelSize() * 1.4))
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.deadline = PlainLabel()
        self.deadline.setWordWrap(True)
        self.countdown = PlainLabel()
        countdown_font = self.countdown.font()
        countdown_font.setBold(True)
        self.countdown.setFont(countdown_font)
        self.totals = PlainLabel()
        self.totals.setWordWrap(True)
        self.cycles = QComboBox()
        self.cycles.setObjectName("cascade_cycles")
        self.cycles.activated.connect(self._cycle_chosen)
        self.cycle_label = PlainLabel()
        self.cycle_label.setBuddy(self.cycles)
        self.on_projector = QCheckBox()
        self.on_projector.setChecked(True)
        self.on_projector.toggled.connect(lambda _on: self._project())
        self.tree = BoardTree()
        self.tree.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycles)
        top.addStretch(1)
        top.addWidget(self.on_projector)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.deadline)
        layout.addWidget(self.countdown)
        layout.addWidget(self.totals)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        # The date turns at midnight while the board is open: the count moves with it.
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._new_day)
        session.changed.connect(self._changed)
        self.resize(900, 700)
        self.retranslate()

    # Reading
    def _changed(self, change: Change) -> None:
        if change.touches(*BOARD_ASPECTS):
            self.stale = True
            if self.isVisible():
                self.refresh()
            if change.touches(Aspect.CYCLES):
                self._fill_cycles()

    def refresh(self) -> None:
        """Read the board again and show it (rows changed in place, the tree kept)."""
        if self.session.closed:
            return
        today, zone = laptop_today(self.session.clock)
        self.board = self.session.view(cascade_board, self.cycle_id, today, zone)
        self.stale = False
        self._show_board()
        self._arm_midnight()

    def _show_board(self) -> None:
        board, language = self.board, self.session.language
        self.rows = () if board is None else board_rows(board, language)
        self.tree.show_rows(self.rows)
        if board is None:
            for label in (self.heading, self.deadline, self.countdown, self.totals):
                label.setText("")
            self._project()
            return
        self.setWindowTitle(title_line(board, language))
        self.heading.setText(title_line(board, language))
        self.deadline.setText(deadline_line(board, language))
        self.countdown.setText(countdown_line(board, language))
        self.countdown.setVisible(bool(self.countdown.text()))
        late = board.days_left is not None and board.days_left < 0 and bool(board.overdue)
        self.countdown.setStyleSheet(f"color: {DANGER};" if late else "")
        self.totals.setText(totals_line(board, language))
        self._project()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """Enter or a double click on a unit: its workshop on the window's page."""
        unit = item.data(0, UNIT_ROLE)
        row = self.row_of(unit) if isinstance(unit, int) else None
        if row is not None and row.workshop_id is not None and self.open_workshop is not None:
            self.open_workshop(row.workshop_id)

    @property
    def items(self) -> dict[int, QTreeWidgetItem]:
        """Each unit's row in the tree."""
        return self.tree.items

    def row_of(self, unit_id: int) -> BoardRow | None:
        """The row shown for a unit (for tests and the projector)."""
        return next((row for row in self.rows if row.unit_id == unit_id), None)

    # The date
    def _arm_midnight(self) -> None:
        now = self.session.clock().astimezone()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), now.tzinfo)
        self.midnight.start(max(1000, int((tomorrow - now).total_seconds() * 1000) + 1000))

    def _new_day(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    # Cycles
    def _fill_cycles(self) -> None:
        if self.session.closed:
            return
        cycles: tuple[CycleEntry, ...] = self.session.view(workshop_list).cycles
        self.cycles.blockSignals(True)
        self.cycles.clear()
        for cycle in cycles:
            self.cycles.addItem(cycle.name, cycle.id)
        index = self.cycles.findData(self.cycle_id)
        self.cycles.setCurrentIndex(max(0, index))
        self.cycles.blockSignals(False)

    def _cycle_chosen(self, index: int) -> None:
        chosen = self.cycles.itemData(index)
        if isinstance(chosen, int) and chosen != self.cycle_id:
            self.show_cycle(chosen)

    def show_cycle(self, cycle_id: int) -> None:
        """Show another cycle's board."""
        self.cycle_id = cycle_id
        index = self.cycles.findData(cycle_id)
        if index >= 0:
            self.cycles.setCurrentIndex(index)
        self.refresh()

    # The projector
    def slide(self) -> CascadeSlide | None:
        """The board as the room sees it."""
        board = self.board
        return None if board is None else board_slide(board, self.rows, self.session.language)

    def _project(self) -> None:
        if self.projector is None or not self.isVisible():
            return
        self.projector(self.slide() if self.on_projector.isChecked() else None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.cycles.count() == 0:
            self._fill_cycles()
        if self.stale:
            self.refresh()
        else:
            self._project()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.midnight.stop()
        self.stale = True  # changes met while hidden are not followed
        if self.projector is not None:
            self.projector(None)  # the room sees the workshop's page again

    # Words
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        language = self.session.language
        self.tree.setHeaderLabels(list(column_titles(language)))
        self.cycle_label.setText(self.tr("&Cycle:"))
        self.on_projector.setText(self.tr("Show on the &projector"))
        self.setWindowTitle(self.tr("Cascade Board"))
        if self.board is not None:
            self._show_board()
