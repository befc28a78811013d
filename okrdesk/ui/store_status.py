"""What the plan has published, in the window: a compact indicator in the status bar and
the detail it opens (each workshop published, out of date or not; each queued publish)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk.store.connect import StoreAddress
from okrdesk.store.status import PublishState, PublishStatus
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.store_link import StoreLink


def shown_time(at: datetime | None) -> str:
    return "" if at is None else at.astimezone().strftime("%Y-%m-%d %H:%M")


class StoreIndicator(QToolButton):
    """ "Store: published / 2 out of date / queued / refused" (hidden for a plan that never
    published); a click opens the detail."""

    def __init__(self, link: StoreLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeIndicator")
        self.setAutoRaise(True)
        self.link = link
        self.state = ""
        link.status_changed.connect(lambda _status: self.update_text())
        link.busy_changed.connect(lambda _busy: self.update_text())
        self.update_text()

    def update_text(self) -> None:
        link, status = self.link, self.link.status
        refused = any(entry.refused for entry in link.retrying.values())
        out_of_date = status.count(PublishState.OUT_OF_DATE)
        if link.busy:
            self.state, text = "busy", self.tr("Store: sending…")
        elif refused:
            self.state, text = "refused", self.tr("Store: refused")
        elif status.queued:
            attempts = sum(q.attempts for q in status.queued)
            self.state = "queued"
            text = self.tr("Store: queued (attempts: %1)").replace("%1", str(attempts))
        elif out_of_date:
            self.state = "out_of_date"
            text = self.tr("Store: %1 out of date").replace("%1", str(out_of_date))
        elif status.ever_published:
            self.state, text = "published", self.tr("Store: published")
        else:
            self.state, text = "", ""
        self.setText(text)
        self.setToolTip(self.tr("What this plan has published to the organisation store"))
        self.setVisible(bool(text))


class StoreStatusDialog(QDialog):
    """Each workshop's state in the store, each queued publish; retry now."""

    def __init__(self, link: StoreLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeStatus")
        self.link = link
        self.summary = PlainLabel()
        self.summary.setWordWrap(True)
        self.workshops = _table(6)
        self.queue_label = PlainLabel()
        self.queue = _table(5)
        self.retry = QPushButton()
        self.retry.clicked.connect(link.retry_now)
        self.again = QPushButton()
        self.again.clicked.connect(self.publish_again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        self.buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.retry, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.workshops, 3)
        layout.addWidget(self.queue_label)
        layout.addWidget(self.queue, 1)
        layout.addWidget(self.buttons)
        link.status_changed.connect(lambda _status: self._fill_if_shown())
        link.busy_changed.connect(lambda _busy: self._fill_if_shown())
        # The queue's countdown to the next retry, each second while shown.
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._count_down)
        self.resize(1180, 560)
        self.fill()

    def _fill_if_shown(self) -> None:
        if self.isVisible():  # a hidden detail is filled when shown again
            self.fill()

    def showEvent(self, event: QShowEvent) -> None:
        self.fill()
        self._countdown.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._countdown.stop()
        super().hideEvent(event)

    def _count_down(self) -> None:
        for row, q in enumerate(self.link.status.queued[: self.queue.rowCount()]):
            item = self.queue.item(row, 3)
            if item is not None:
                item.setText(self._next_text(q.store))

    def fill(self) -> None:
        status: PublishStatus = self.link.status
        self.setWindowTitle(self.tr("Published to the organisation store"))
        self.workshops.setHorizontalHeaderLabels(
            [
                self.tr("Unit"),
                self.tr("Workshop"),
                self.tr("Cycle"),
                self.tr("State"),
                self.tr("Version"),
                self.tr("Published"),
            ]
        )
        self.workshops.setRowCount(len(status.workshops))
        for row, w in enumerate(status.workshops):
            latest = max(w.copies, key=lambda c: c.published_at, default=None)
            cells = [
                w.unit,
                w.title + (self.tr(" (draft)") if w.draft else ""),
                w.cycle,
                self.state_text(w.state),
                "" if latest is None else str(latest.version),
                "" if latest is None else shown_time(latest.published_at),
            ]
            _fill_row(self.workshops, row, cells)
        self.workshops.setCurrentCell(-1, -1)  # nothing looks chosen: nothing is to choose
        self.summary.setText(
            self.tr("%1 published, %2 out of date (changed since published), %3 not published.")
            .replace("%1", str(status.count(PublishState.PUBLISHED)))
            .replace("%2", str(status.count(PublishState.OUT_OF_DATE)))
            .replace("%3", str(status.count(PublishState.NOT_PUBLISHED)))
        )
        self.queue_label.setText(
            self.tr("Queued: waiting for a store that could not be reached")
            if status.queued
            else self.tr("Nothing is queued.")
        )
        self.queue.setHorizontalHeaderLabels(
            [
                self.tr("Store"),
                self.tr("Queued since"),
                self.tr("Attempts"),
                self.tr("Next"),
                self.tr("Last error"),
            ]
        )
        self.queue.setRowCount(len(status.queued))
        for row, q in enumerate(status.queued):
            next_text = self._next_text(q.store)
            cells = [
                q.store,
                shown_time(q.queued_at),
                str(q.attempts),
                next_text,
                q.last_error or "",
            ]
            _fill_row(self.queue, row, cells)
        self.queue.setVisible(bool(status.queued))
        read_only = self.link.read_only
        why_not = self.tr("The plan is open read-only: nothing is published from it.")
        self.retry.setText(self.tr("Retry Now"))
        self.retry.setToolTip(why_not if read_only else "")
        self.retry.setEnabled(bool(status.queued) and not self.link.busy and not read_only)
        self.again.setText(self.tr("Publish Again"))
        self.again.setToolTip(
            why_not
            if read_only
            else self.tr("Send what changed since it was published to %1").replace(
                "%1", self._published_to() or ""
            )
        )
        self.again.setEnabled(
            bool(status.count(PublishState.OUT_OF_DATE))
            and self._published_to() is not None
            and not self.link.busy
            and not read_only
        )

    def _published_to(self) -> str | None:
        """The store the out-of-date workshops were published to (the first, if several)."""
        stores = [
            c.store
            for w in self.link.status.workshops
            if w.state == PublishState.OUT_OF_DATE
            for c in w.copies
            if not c.current
        ]
        return stores[0] if stores else None

    def publish_again(self) -> None:
        store = self._published_to()
        if store is not None:
            self.link.publish(StoreAddress.parse(store))

    def _next_text(self, store: str) -> str:
        """What happens next to a store's queued publish."""
        entry, waiting = self.link.retrying.get(store), self.link.next_retry_ms()
        if store in self.link.in_flight:
            return self.tr("Sending now…")
        if entry is not None and entry.refused:
            return self.tr("Refused: %1").replace("%1", entry.refused)
        if self.link.read_only:
            return self.tr("Not retried: the plan is open read-only")
        if waiting is not None:
            return self.tr("Retried in %1 s").replace("%1", str(round(waiting / 1000)))
        return ""

    def state_text(self, state: PublishState) -> str:
        if state == PublishState.PUBLISHED:
            return self.tr("Published")
        if state == PublishState.OUT_OF_DATE:
            return self.tr("Out of date: changed since published")
        return self.tr("Not published")


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill_row(table: QTableWidget, row: int, cells: list[str]) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, column, item)
