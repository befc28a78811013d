"""The organisation store's cascade board or alignment tree in a window of its own.

The facilitator gives the store's address (remembered under "store/address", shared with
publishing) and picks one of the store's cycles; the view is read on a worker thread, so a
slow or unreachable store shows a message and never freezes the window. The board and the
tree are the plan's own widgets (BoardTree, AlignmentTreeView), with the store's drafts
marked; while open the view is on the projector too, and it can be saved as the plan's PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.cascade_words import (
    BoardRow,
    board_rows,
    column_titles,
    countdown_line,
    deadline_line,
    totals_line,
)
from okrdesk.errors import OkrdeskError
from okrdesk.messages import translate
from okrdesk.store.views import StoreBoard, handed_over_line, handed_over_lines
from okrdesk.ui.alignment_dialog import AlignmentTreeView
from okrdesk.ui.cascade_dialog import BoardTree, board_slide, laptop_today
from okrdesk.ui.org_reader import StoreReader
from okrdesk.ui.org_slides import room_rows, tree_counts, tree_slide
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.projector.cascade_screen import CascadeSlide
from okrdesk.ui.store_link import unexpected_kind
from okrdesk.ui.style import DANGER

ADDRESS_KEY = "store/address"  # the last store's address the views read
# The last store a plan published to, offered when the views have read none yet (not
# written here: the views may read with a role that may not publish).
LAST_PUBLISHED_KEY = "store/last"


class CycleList(NamedTuple):
    """The store's cycles as read: from which address, their names, today's cycle."""

    address: str
    names: tuple[str, ...]
    current: str


class OrgView(StrEnum):
    BOARD = "board"
    TREE = "tree"


class OrgViewDialog(QDialog):
    """One of the store's views of a cycle, read again on Refresh."""

    def __init__(
        self,
        kind: OrgView,
        settings: QSettings,
        language: Callable[[], str],
        parent: QWidget | None = None,
        projector: Callable[[CascadeSlide | None], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        password: Callable[[str], str | None] = lambda _address: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"org_{kind.value}_dialog")
        self.kind = kind
        self.settings = settings
        self.language = language
        self.projector = projector
        self.clock = clock
        # A password typed in the window for this run, by the store's address as shown
        # (else the keyring's or PGPASSWORD's are used).
        self.password = password
        self.shown: object = None  # the StoreBoard or StoreTree on screen
        self.rows: tuple[BoardRow, ...] = ()
        self.cycles_of = ""  # the address the cycle list was read from
        self.reader = StoreReader(self)
        self.reader.answered.connect(self._answered)
        self.reader.failed.connect(self._failed)
        self.asked: dict[int, str] = {}  # a read's number: what it reads ("cycles", "view")
        last = settings.value(ADDRESS_KEY) or settings.value(LAST_PUBLISHED_KEY) or ""
        self.address = QLineEdit(str(last))
        self.address.setObjectName("org_address")
        self.address.setPlaceholderText("postgresql://user@host/okrdesk")
        self.address.returnPressed.connect(self.refresh)
        self.address_label = PlainLabel()
        self.address_label.setBuddy(self.address)
        self.cycles = QComboBox()
        self.cycles.setObjectName("org_cycles")
        self.cycles.activated.connect(lambda _index: self.read_view())
        self.cycle_label = PlainLabel()
        self.cycle_label.setBuddy(self.cycles)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("org_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.on_projector = QCheckBox()
        self.on_projector.setChecked(True)
        self.on_projector.toggled.connect(lambda _on: self._project())
        self.status = PlainLabel()
        self.status.setObjectName("org_status")
        self.status.setWordWrap(True)
        self.heading = PlainLabel()
        heading_font = self.heading.font()
        if heading_font.pixelSize() > 0:
            heading_font.setPixelSize(round(heading_font.pixelSize() * 1.4))
        else:  # sized in points (no application font set in pixels)
            heading_font.setPointSizeF(heading_font.pointSizeF() * 1.4)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.lines = PlainLabel()
        self.lines.setWordWrap(True)
        self.board = BoardTree()
        self.tree = AlignmentTreeView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.tree)
        self.stack.setCurrentWidget(self.board if kind is OrgView.BOARD else self.tree)
        self.save_button = QPushButton()
        self.save_button.setObjectName("org_save_pdf")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        where = QHBoxLayout()
        where.addWidget(self.address_label)
        where.addWidget(self.address, 1)
        where.addWidget(self.cycle_label)
        where.addWidget(self.cycles)
        where.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addWidget(self.on_projector)
        layout.addWidget(self.status)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        self.resize(960, 720)
        self.retranslate()

    # Reading
    def refresh(self) -> None:
        """Read the store again: its cycles when the address is new, then the cycle's view."""
        address = self.address.text().strip()
        if not address:
            self._say(self.tr("Give the organisation store's address."), error=True)
            return
        if address != self.cycles_of or self.cycles.count() == 0:
            self._read(
                "cycles",
                lambda: _cycles(address, self.clock, self.password),
                self.tr("Reading the store…"),
            )
        else:
            self.read_view()

    def read_view(self) -> None:
        """Read the chosen cycle's view (on the worker thread)."""
        cycle = self.cycles.currentText()
        address = self.address.text().strip()
        if not cycle or not address:
            return
        if self.kind is OrgView.BOARD:
            today, zone = laptop_today(self.clock)

            def work() -> object:
                from okrdesk.store.connect import WINDOW_LIMITS, StoreAddress
                from okrdesk.store.cycles import read_board

                parsed = StoreAddress.parse(address)
                secret = self.password(parsed.shown)
                return read_board(parsed, cycle, today, zone, secret, WINDOW_LIMITS)

        else:

            def work() -> object:
                from okrdesk.store.connect import WINDOW_LIMITS, StoreAddress
                from okrdesk.store.cycles import read_tree

                parsed = StoreAddress.parse(address)
                return read_tree(parsed, cycle, self.password(parsed.shown), WINDOW_LIMITS)

        self._read("view", work, self.tr("Reading %1 from the store…").replace("%1", cycle))

    def _read(self, what: str, work: Callable[[], object], saying: str) -> None:
        self.asked[self.reader.start(work)] = what
        self._say(saying)

    def _answered(self, number: int, result: object) -> None:
        what = self.asked.pop(number, None)
        if number != self.reader.latest or what is None:
            return  # an older read's answer: a newer one is under way
        if what == "cycles":
            assert isinstance(result, CycleList)
            address, names, current = result
            self.cycles_of = address
            self.settings.setValue(ADDRESS_KEY, address)
            self.settings.sync()
            chosen = self.cycles.currentText()
            self.cycles.clear()
            self.cycles.addItems(list(names))
            if not names:
                self._say(self.tr("The store holds no cycle yet: nothing is published."))
                return
            index = self.cycles.findText(chosen) if chosen else -1
            self.cycles.setCurrentIndex(index if index >= 0 else self.cycles.findText(current))
            self.read_view()
            return
        self.shown = result
        self._say("")
        self._show()

    def _failed(self, number: int, error: object) -> None:
        self.asked.pop(number, None)
        if number != self.reader.latest:
            return
        if isinstance(error, OkrdeskError):
            said = error.message(self.language())
        else:
            # Its kind, never its text: a failed statement's holds its parameters.
            kind = unexpected_kind(error) if isinstance(error, BaseException) else str(error)
            said = self.tr("The store could not be read: %1").replace("%1", kind)
        self._say(said, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setStyleSheet(f"color: {DANGER};" if error else "")

    # Showing
    def _show(self) -> None:
        from okrdesk.store.views import StoreTree

        language = self.language()
        view = self.shown
        if isinstance(view, StoreBoard):
            board = view.board
            self.rows = board_rows(board, language, view.drafts, view.handed_over)
            self.board.setHeaderLabels(list(column_titles(language)))
            self.board.show_rows(self.rows)
            self._tip_hand_overs(view, language)
            self.heading.setText(translate("store.board_title", language, cycle=board.cycle))
            lines = [deadline_line(board, language), countdown_line(board, language)]
            lines.append(totals_line(board, language))
            # Who a unit was handed to, and whose publish its row shows until it publishes.
            lines += handed_over_lines(view, language, most=3)
            self.lines.setText("\n".join(line for line in lines if line))
        elif isinstance(view, StoreTree):
            self.tree.show_tree(view.tree, view.drafts)
            self.heading.setText(translate("store.tree_title", language, cycle=view.cycle))
            self.lines.setText(tree_counts(view, language))
        self.save_button.setEnabled(view is not None)
        self._project()

    def _tip_hand_overs(self, view: StoreBoard, language: str) -> None:
        """A handed-over unit's state says to whom and whose publish it shows; its column is
        as wide as its longest state ("Approved · handed over")."""
        for unit_id, item in self.board.items.items():
            handed = view.handed_over.get(unit_id)
            tip = "" if handed is None else handed_over_line(view, unit_id, language)
            if item.toolTip(1) != tip:
                item.setToolTip(1, tip)
        if view.handed_over:
            self.board.resizeColumnToContents(1)

    def slide(self) -> CascadeSlide | None:
        """The view as the room sees it."""
        from okrdesk.store.views import StoreBoard, StoreTree

        view, language = self.shown, self.language()
        if isinstance(view, StoreBoard):
            title = translate("store.board_title", language, cycle=view.board.cycle)
            return board_slide(view.board, room_rows(self.rows, language), language, title)
        if isinstance(view, StoreTree):
            return tree_slide(view, language)
        return None

    def _project(self) -> None:
        if self.projector is None or not self.isVisible():
            return
        self.projector(self.slide() if self.on_projector.isChecked() else None)

    # PDF
    def _ask_pdf(self) -> None:
        cycle = self.cycles.currentText() or "cycle"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            f"{self.kind.value}-{cycle}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> bool:
        """The view shown as the plan's cascade or alignment document."""
        from okrdesk.export.org_pdf import write_store_board, write_store_tree
        from okrdesk.store.views import StoreBoard, StoreTree

        view, language = self.shown, self.language()
        printed = self.clock().astimezone().date().isoformat()
        try:
            if isinstance(view, StoreBoard):
                write_store_board(view, path, language=language, printed=printed)
            elif isinstance(view, StoreTree):
                write_store_tree(view, path, language=language, printed=printed)
            else:
                return False
        except OSError as error:
            said = self.tr("The PDF could not be written: %1").replace("%1", str(error))
            self._say(said, error=True)
            return False
        self._say(translate("store.pdf_written", language, path=str(path)))
        return True

    # Events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.shown is None and not self.reader.busy and self.address.text().strip():
            self.refresh()
        else:
            self._project()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.projector is not None:
            self.projector(None)  # the room sees the workshop's page again

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.address_label.setText(self.tr("&Store:"))
        self.cycle_label.setText(self.tr("&Cycle:"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.on_projector.setText(self.tr("Show on the &projector"))
        self.save_button.setText(self.tr("Save as &PDF…"))
        if self.kind is OrgView.BOARD:
            self.setWindowTitle(self.tr("Organisation Board"))
        else:
            self.setWindowTitle(self.tr("Organisation Alignment Tree"))
        if self.shown is not None:
            self._show()


def _cycles(
    address: str, clock: Callable[[], datetime], password: Callable[[str], str | None]
) -> CycleList:
    """The store's cycles (on the worker thread)."""
    from okrdesk.store.connect import WINDOW_LIMITS, StoreAddress
    from okrdesk.store.cycles import current_cycle, read_store, store_cycles

    parsed = StoreAddress.parse(address)
    cycles = read_store(parsed, store_cycles, password(parsed.shown), WINDOW_LIMITS)
    today = clock().astimezone().date()
    return CycleList(address, tuple(c.name for c in cycles), current_cycle(cycles, today) or "")
