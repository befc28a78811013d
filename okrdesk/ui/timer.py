"""The phase timer: a countdown of the phase's timebox, with pause and five more minutes;
none once the workshop is signed off (its timebox no longer counts)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from okrdesk.models.types import utc_now
from okrdesk.ui.plain_label import PlainLabel


def format_seconds(seconds: float) -> str:
    seconds = int(abs(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class PhaseCountdown:
    """Plain timekeeping: time left in the timebox, paused time not counted."""

    def __init__(self) -> None:
        self.planned = timedelta(0)
        self.spent_before = timedelta(0)  # earlier visits of the same phase
        self.started: datetime | None = None
        self.paused_at: datetime | None = None
        self.paused_total = timedelta(0)

    def reset(self, planned_minutes: int, spent_before: timedelta, started: datetime) -> None:
        self.planned = timedelta(minutes=planned_minutes)
        self.spent_before = spent_before
        self.started = started
        self.paused_at = None
        self.paused_total = timedelta(0)

    def elapsed(self, now: datetime) -> timedelta:
        if self.started is None:
            return timedelta(0)
        end = self.paused_at or now
        # A phase that (by the clock) has not started yet has used none of its time.
        return max(timedelta(0), self.spent_before + (end - self.started) - self.paused_total)

    def remaining(self, now: datetime) -> float:
        """Seconds left; negative in overtime."""
        return (self.planned - self.elapsed(now)).total_seconds()

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def pause(self, now: datetime) -> None:
        if self.paused_at is None:
            self.paused_at = now

    def resume(self, now: datetime) -> None:
        if self.paused_at is not None:
            self.paused_total += now - self.paused_at
            self.paused_at = None


class PhaseTimer(QWidget):
    """The countdown, start/pause, and +5 minutes (which extends the phase's timebox)."""

    add_minutes_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countdown = PhaseCountdown()
        self.clock = utc_now
        # Signed off (locked): no countdown, no overtime however long ago; ``light``: a
        # person's OKRs, confirmed by the manager rather than signed off.
        self.finished = False
        self.light = False
        self.label = PlainLabel("00:00")
        self.label.setObjectName("timer")
        # The UI font's tabular digits: the countdown does not jitter as it ticks (a
        # "monospace" family is Courier New on Windows).
        digits = self.label.font()
        digits.setFeature(QFont.Tag("tnum"), 1)
        self.label.setFont(digits)
        self.state = PlainLabel()
        self.state.setMinimumWidth(90)  # "Time left" / "Paused" / "Overtime" do not shift the bar
        self.state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.toggle_pause)
        self.more_button = QPushButton()
        self.more_button.clicked.connect(lambda: self.add_minutes_requested.emit(5))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.state, self.label, self.pause_button, self.more_button):
            layout.addWidget(widget)
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.pause_button.setText(self.tr("Start") if self.countdown.paused else self.tr("Pause"))
        self.pause_button.setAccessibleName(self.tr("Start or pause the phase timer"))
        self.more_button.setText(self.tr("+5 min"))
        self.more_button.setAccessibleName(self.tr("Add five minutes to this phase"))
        self.refresh()

    def reset(self, planned_minutes: int, spent_before: timedelta, started: datetime) -> None:
        self.countdown.reset(planned_minutes, spent_before, started)
        self.retranslate()

    def set_finished(self, finished: bool, light: bool = False) -> None:
        """A signed-off workshop's timer: its state says so, no countdown nor its buttons
        (an approval months ago must not read as months of overtime); reopened, it counts."""
        if (finished, light) == (self.finished, self.light):
            return
        self.finished, self.light = finished, light
        for widget in (self.label, self.pause_button, self.more_button):
            widget.setVisible(not finished)
        if finished:
            self._tick.stop()
        else:
            self._tick.start()
        self.retranslate()

    def seconds_left(self, now: datetime) -> float | None:
        """Seconds left of the timebox (negative in overtime); None once signed off."""
        return None if self.finished else self.countdown.remaining(now)

    def set_planned(self, minutes: int) -> None:
        self.countdown.planned = timedelta(minutes=minutes)
        self.refresh()

    def toggle_pause(self) -> None:
        if self.finished:
            return
        now = self.clock()
        if self.countdown.paused:
            self.countdown.resume(now)
        else:
            self.countdown.pause(now)
        self.retranslate()

    def refresh(self) -> None:
        if self.finished:
            self.state.setText(self.tr("Confirmed") if self.light else self.tr("Signed off"))
            self.state.setToolTip(
                self.tr("The OKRs are agreed: the phase's timebox no longer counts.")
            )
            return
        self.state.setToolTip("")
        left = self.countdown.remaining(self.clock())
        overtime = left < 0
        self.label.setText(("+" if overtime else "") + format_seconds(left))
        if self.label.property("overtime") != ("true" if overtime else "false"):
            self.label.setProperty("overtime", "true" if overtime else "false")
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)
        if overtime:
            self.state.setText(self.tr("Overtime"))
        elif self.countdown.paused:
            self.state.setText(self.tr("Paused"))
        else:
            self.state.setText(self.tr("Time left"))
        self.label.setAccessibleName(f"{self.state.text()} {self.label.text()}")
