"""The window's Room panel: open the room to phones, show how to join, approve and release.

A dock beside the workshop's page. Off, it says what the room is and starts it for the
workshop on screen; on, it shows the join address as a QR code (and every other address the
laptop has on a private network), the room's code, whether the projector shows how to join,
and the phones that joined: a phone waiting for a name another phone holds can be approved;
any phone can be released. The room stops with the plan and the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.phones import room_settings
from okrdesk.engine.room_ops import AllowWalkIns, ApprovePhone, ReleasePhone
from okrdesk.engine.room_phones import RoomPhoneRow, room_phones
from okrdesk.isolated import isolated
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.projector.join_screen import JoinScreen
from okrdesk.ui.qr_code import QrCode
from okrdesk.ui.room_control import RoomControl
from okrdesk.ui.session import PlanSession

PRESENCE_MS = 2000  # how often the list looks who is in the room (a cheap, local read)
QR_PIXELS = 220  # the window's code: scannable from a phone held at arm's length
PHONE_ROLE = Qt.ItemDataRole.UserRole


class RoomPanel(QDockWidget):
    """Start and stop the room; its join address and QR code; the phones in it."""

    def __init__(
        self,
        shown_workshop: Callable[[], int | None],
        show_join: Callable[[JoinScreen | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("room_panel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.shown_workshop = shown_workshop
        self.show_join = show_join
        self.control = RoomControl(self)
        self.control.started.connect(self._refresh)
        self.control.stopped.connect(self._refresh)
        self.session: PlanSession | None = None
        self.on_projector = False
        self.problem = ""  # why the room did not start, until it does
        self.phones: tuple[RoomPhoneRow, ...] = ()
        self.present: frozenset[str] = frozenset()  # the phones connected now
        self._presence = QTimer(self)
        self._presence.setInterval(PRESENCE_MS)
        self._presence.timeout.connect(self._read_presence)

        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.toggle = QPushButton()
        self.toggle.clicked.connect(self._toggle)
        self.addresses = QComboBox()
        self.addresses.currentIndexChanged.connect(self._show_code)
        self.qr = PlainLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url = PlainLabel()
        self.url.setWordWrap(True)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = PlainLabel()
        self.projector_button = QPushButton()
        self.projector_button.setCheckable(True)
        self.projector_button.toggled.connect(self.set_on_projector)
        self.walk_ins = QCheckBox()
        self.walk_ins.toggled.connect(self._allow_walk_ins)
        self.phones_heading = PlainLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)  # a waiting phone's line is long, in Chinese too
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        # Four lines at least, then what the dock has left: Approve and Release below it stay
        # in sight on a 768-pixel-high laptop (the list's own default wants 192 pixels).
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 4 + 8)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.approve = QPushButton()
        self.approve.clicked.connect(self._approve)
        self.release = QPushButton()
        self.release.clicked.connect(self._release)

        buttons = QHBoxLayout()
        buttons.addWidget(self.approve)
        buttons.addWidget(self.release)
        body = QWidget()
        layout = QVBoxLayout(body)
        for widget in (
            self.status,
            self.toggle,
            self.addresses,
            self.qr,
            self.url,
            self.code,
            self.projector_button,
            self.walk_ins,
            self.phones_heading,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.list, 1)  # the list takes what is left
        layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(scroll)
        self.setMinimumWidth(QR_PIXELS + 60)
        self.retranslate()

    # The plan
    def follow(self, session: PlanSession | None) -> None:
        """Another plan (or none): its room, if any, stops."""
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
        self.control.follow(session)
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
        self.problem = ""
        self._refresh()

    def _changed(self, change: Change) -> None:
        workshop = self.control.workshop_id
        if workshop is None or not change.about(workshop):
            return
        if change.touches(Aspect.PHONES):
            self._read_phones()
        if change.touches(Aspect.WORKSHOPS, Aspect.PHONES):  # walk-ins allowed; the join code
            self._read_settings()

    # Starting and stopping
    def _toggle(self) -> None:
        if self.control.service is not None:
            self.stop()
        else:
            self.start()

    def start(self) -> bool:
        """Open the room for the workshop on screen; say why not if it cannot open."""
        workshop = self.shown_workshop()
        if workshop is None or self.session is None:
            return False
        self.problem = self.control.start(workshop) or ""
        self._refresh()
        return not self.problem

    def stop(self) -> None:
        self.control.stop()
        self._refresh()

    def set_on_projector(self, shown: bool) -> None:
        """Show how to join on the projector (only while the room is open)."""
        self.on_projector = shown and self.control.address is not None
        if self.projector_button.isChecked() != self.on_projector:
            self.projector_button.setChecked(self.on_projector)
        self.show_join(self._join_screen() if self.on_projector else None)

    def _join_screen(self) -> JoinScreen | None:
        address = self.control.address
        if address is None:
            return None
        index = max(0, self.addresses.currentIndex())
        return JoinScreen(address.urls[min(index, len(address.urls) - 1)], address.code)

    # What shows
    def _refresh(self) -> None:
        address = self.control.address
        running = address is not None
        for widget in (
            self.addresses,
            self.qr,
            self.url,
            self.code,
            self.projector_button,
            self.walk_ins,
            self.phones_heading,
            self.list,
            self.approve,
            self.release,
        ):
            widget.setVisible(running)
        self.toggle.setEnabled(running or (self.session is not None and not self.session.read_only))
        if running:
            self._presence.start()
        else:
            self._presence.stop()
            self.present = frozenset()
        if address is not None:
            self.addresses.blockSignals(True)
            self.addresses.clear()
            self.addresses.addItems(list(address.urls))
            self.addresses.blockSignals(False)
            self.addresses.setVisible(len(address.urls) > 1)
            self._show_code()
        else:
            self.set_on_projector(False)
        self._read_phones()
        self._read_settings()
        self.retranslate()

    def _read_settings(self) -> None:
        workshop, session = self.control.workshop_id, self.session
        if workshop is None or session is None or session.closed:
            return
        settings = session.view(room_settings, workshop)
        self.walk_ins.blockSignals(True)
        self.walk_ins.setChecked(settings is not None and settings.walk_ins)
        self.walk_ins.blockSignals(False)
        self.walk_ins.setEnabled(not session.read_only)

    def _allow_walk_ins(self, allowed: bool) -> None:
        workshop, session = self.control.workshop_id, self.session
        if workshop is not None and session is not None:
            session.run(AllowWalkIns(workshop, allowed))
        self._read_settings()  # refused: the box shows what the plan says

    def _show_code(self) -> None:
        join = self._join_screen()
        if join is None:
            return
        self.qr.setPixmap(QPixmap.fromImage(QrCode(join.url).image(QR_PIXELS)))
        self.url.setText(join.url)
        if self.on_projector:
            self.show_join(join)

    def _read_phones(self) -> None:
        workshop, session = self.control.workshop_id, self.session
        if workshop is None or session is None or session.closed:
            self.phones = ()
        else:
            self.phones = session.view(room_phones, workshop)
        selected = self._selected()
        self.list.clear()
        for phone in self.phones:
            item = QListWidgetItem(self._phone_text(phone))
            item.setData(PHONE_ROLE, phone.id)
            self.list.addItem(item)
            if selected is not None and phone.id == selected.id:
                self.list.setCurrentItem(item)
        self._retranslate_counts()
        self._update_buttons()

    def _read_presence(self) -> None:
        """Mark who is connected now (an open WebSocket, or a poll in the last seconds)."""
        service = self.control.service
        present = frozenset() if service is None else service.present()
        if present != self.present:
            self.present = present
            self.retranslate()

    def _phone_text(self, phone: RoomPhoneRow) -> str:
        if phone.pending:
            text = self.tr(
                "%1 — waiting: this name is already taking part (another phone or the booth)"
            )
        elif phone.token_sha256 in self.present:
            text = self.tr("%1 — connected")
        else:
            text = self.tr("%1 — not connected")
        return text.replace("%1", isolated(phone.name))

    def _selected(self) -> RoomPhoneRow | None:
        item = self.list.currentItem()
        if item is None:
            return None
        phone_id = item.data(PHONE_ROLE)
        return next((phone for phone in self.phones if phone.id == phone_id), None)

    def _update_buttons(self) -> None:
        phone = self._selected()
        writable = self.session is not None and not self.session.read_only
        self.approve.setEnabled(writable and phone is not None and phone.pending)
        self.release.setEnabled(writable and phone is not None)

    # Approving and releasing (the facilitator's: undoable, in the audit log)
    def _approve(self) -> None:
        phone = self._selected()
        if phone is not None and self.session is not None:
            self.session.run(ApprovePhone(phone.id))

    def _release(self) -> None:
        phone = self._selected()
        if phone is not None and self.session is not None:
            self.session.run(ReleasePhone(phone.id))

    # Words
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Phones in the Room"))
        address = self.control.address
        if address is not None:
            self.status.setText(
                self.tr(
                    "The room is open: people scan the code or open the address on their "
                    "phone, on this room's Wi-Fi. Everything they send is saved at once."
                )
            )
            self.toggle.setText(self.tr("Stop the Room"))
            self.code.setText(self.tr("Room code: %1").replace("%1", address.code))
        else:
            text = self.tr(
                "Let people add ideas and vote from their phones over this room's Wi-Fi or the "
                "laptop's hotspot: no internet, no app, no account."
            )
            if self.problem:
                text = f"{self.problem}\n\n{text}"
            self.status.setText(text)
            self.toggle.setText(self.tr("Open the Room to Phones"))
        self.projector_button.setText(self.tr("Show on the Projector"))
        self.projector_button.setToolTip(self.tr("The code, the address and how to join (Ctrl+J)"))
        self.walk_ins.setText(self.tr("Allow names not on the list"))
        self.walk_ins.setToolTip(
            self.tr("They type their name on the phone; it is added to the workshop's people")
        )
        self.approve.setText(self.tr("Approve"))
        self.approve.setToolTip(
            self.tr("Give the name to this phone; the phone that held it stops working")
        )
        self.release.setText(self.tr("Release"))
        self.release.setToolTip(self.tr("This phone stops working; what it sent stays"))
        self._retranslate_counts()
        for index, phone in enumerate(self.phones):
            item = self.list.item(index)
            if item is not None:
                item.setText(self._phone_text(phone))

    def _retranslate_counts(self) -> None:
        connected = sum(phone.token_sha256 in self.present for phone in self.phones)
        self.phones_heading.setText(
            self.tr("Phones joined: %1 (connected now: %2)")
            .replace("%1", str(len(self.phones)))
            .replace("%2", str(connected))
        )
