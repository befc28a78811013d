"""The progress review: a unit's approved OKRs walked through during the cycle.

The facilitator goes key result by key result with the keyboard: type the value (or tick a
milestone done, or its percentage), the room's confidence and a comment, press Enter, and
the check-in is recorded and the next key result comes up. Each row shows the progress
against the share of the cycle gone, the trend over the check-ins and the score; a score
can be adjusted with a reason. Every check-in is an undo step, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.checkin_ops import AdjustScore, ClearScoreAdjustment, RecordCheckIn
from okrdesk.engine.review_view import (
    CheckInView,
    ReviewKeyResult,
    ReviewObjective,
    ReviewView,
    review_after,
    review_view,
)
from okrdesk.engine.scoring import GUIDANCE, shown
from okrdesk.export.review_text import GRADE_TEXT
from okrdesk.messages import translate
from okrdesk.models import Commitment, KeyResultKind
from okrdesk.ui.checkin_history import CheckInHistory, Row
from okrdesk.ui.dialogs import ask_text
from okrdesk.ui.plain_label import PlainLabel, plain_tip
from okrdesk.ui.projector.review_screen import ReviewSlide
from okrdesk.ui.session import PlanSession
from okrdesk.ui.style import DANGER

KR_ROLE = Qt.ItemDataRole.UserRole
BAR_ROLE = Qt.ItemDataRole.UserRole + 1  # (progress, time gone) as floats, or None
NO_CONFIDENCE = -1  # the confidence box's "not said"
KEPT_ROWS = 4096  # history rows kept (then made afresh)
SHOWN_ASPECTS = (Aspect.CHECK_INS, Aspect.SCORES, Aspect.KEY_RESULTS, Aspect.OBJECTIVES)
PROGRESS, TIME_GONE = QColor("#2563eb"), QColor("#b45309")


class ProgressDelegate(QStyledItemDelegate):
    """A bar of the progress with a mark where the cycle's time gone is (below the figure)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() * 2 + 10))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        super().paint(painter, option, index)
        bar = index.data(BAR_ROLE)
        if bar is None:
            return
        progress, elapsed = bar
        rect: QRect = option.rect.adjusted(6, option.rect.height() - 12, -6, -4)
        painter.save()
        painter.fillRect(rect, option.palette.color(QPalette.ColorRole.Midlight))
        filled = QRect(rect.left(), rect.top(), round(rect.width() * progress), rect.height())
        painter.fillRect(filled, PROGRESS)
        x = rect.left() + round(rect.width() * elapsed)
        painter.fillRect(QRect(x - 1, rect.top() - 3, 3, rect.height() + 6), TIME_GONE)
        painter.restore()


class ReviewDialog(QDialog):
    """The review of one workshop's approved OKRs: the list, the check-in form, the score."""

    def __init__(
        self,
        session: PlanSession,
        workshop_id: int,
        parent: QWidget | None = None,
        projector: Callable[[ReviewSlide | None], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.projector = projector  # shows the room the objective under review
        self.setObjectName("review_dialog")
        self.session = session
        self.workshop_id = workshop_id
        self.view: ReviewView | None = None
        self.heading = PlainLabel()
        heading_font = self.heading.font()
        heading_font.setPixelSize(round(heading_font.pixelSize() * 1.4))
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.elapsed = PlainLabel()
        self.guidance = PlainLabel()
        self.guidance.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setItemDelegateForColumn(1, ProgressDelegate(self.tree))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 90), (3, 155), (4, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self._rows: dict[CheckInView, Row] = {}  # the history's rows, by check-in
        self._held = 0  # while a check-in is recorded: the form and the room follow once, after
        self._form_due = False
        self.tree.currentItemChanged.connect(lambda *_: self._follow_current())

        self.kr_title = PlainLabel()
        self.kr_title.setWordWrap(True)
        self.kr_measure = PlainLabel()
        self.kr_measure.setWordWrap(True)
        self.value = QLineEdit()
        self.done_box = QCheckBox()
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.confidence = QSpinBox()
        self.confidence.setRange(NO_CONFIDENCE, 10)
        self.comment = QLineEdit()
        self.problem = PlainLabel()  # why the last check-in was refused, in the user's words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {DANGER};")
        self.problem.hide()
        self.record = QPushButton()
        self.record.setDefault(True)
        self.record.clicked.connect(self.record_check_in)
        self.history = CheckInHistory()
        self.score = PlainLabel()
        self.score.setWordWrap(True)
        self.adjust = QPushButton()
        self.adjust.clicked.connect(self.adjust_score)
        self.clear = QPushButton()
        self.clear.clicked.connect(self.clear_adjustment)
        self.import_button = QPushButton()  # check-ins from the owners' spreadsheet
        self.import_button.clicked.connect(self.import_check_ins)

        self.form = QFormLayout()
        self.form.addRow(self.kr_title)
        self.form.addRow(self.kr_measure)
        self.value_label, self.done_label = PlainLabel(), PlainLabel()
        self.percent_label, self.confidence_label = PlainLabel(), PlainLabel()
        self.comment_label = PlainLabel()
        self.form.addRow(self.value_label, self.value)
        self.form.addRow(self.done_label, self.done_box)
        self.form.addRow(self.percent_label, self.percent)
        self.form.addRow(self.confidence_label, self.confidence)
        self.form.addRow(self.comment_label, self.comment)
        self.form.addRow(self.problem)
        self.form.addRow(self.record)
        # Two rows: in one the three buttons made the side too wide for the key results'
        # titles at 1024x768 (squeezed to a word each).
        scores = QGridLayout()
        scores.addWidget(self.adjust, 0, 0)
        scores.addWidget(self.clear, 0, 1)
        scores.addWidget(self.import_button, 1, 0, 1, 2)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addLayout(self.form)
        side_layout.addWidget(self.history, 1)
        side_layout.addWidget(self.score)
        side_layout.addLayout(scores)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([690, 486])  # (of the 1200 below) the key results' list the wider
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.elapsed)
        layout.addWidget(self.guidance)
        layout.addWidget(split, 1)

        # The window's keys reach a dialog only through its own shortcuts.
        QShortcut(QKeySequence.StandardKey.Undo, self, session.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, session.undo_stack.redo)
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.step(1))
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.step(-1))
        session.changed.connect(self._changed)
        session.refused.connect(self._refused)
        self.resize(1200, 720)
        self.retranslate()
        self.refresh()
        self.step(1)

    # Reading
    def _refused(self, message: str) -> None:
        if self.isActiveWindow():  # a refusal of the review's own entry, not the window's
            self.problem.setText(message)
            self.problem.show()

    def _changed(self, change: Change) -> None:
        if not (change.about(self.workshop_id) and change.touches(*SHOWN_ASPECTS)):
            return
        before = self.view
        if before is not None and not self.session.closed:
            # A check-in or a score: its key results read again, their rows alone updated.
            after = self.session.view(review_after, before, change, self.session.clock())
            if after is not None:
                self._follow(before, after)
                return
        self.refresh()

    def _follow(self, before: ReviewView, after: ReviewView) -> None:
        """Show ``after``, which differs from ``before`` in some key results' figures only."""
        self.view = after
        elapsed = float(after.elapsed)
        every_bar = after.elapsed != before.elapsed  # a new day: every time-gone mark moves
        for i, (objective, was) in enumerate(zip(after.objectives, before.objectives, strict=True)):
            if objective is was and not every_bar:
                continue
            top = self.tree.topLevelItem(i)
            assert top is not None
            self._fill_objective(top, objective)
            for j, (kr, kr_was) in enumerate(
                zip(objective.key_results, was.key_results, strict=True)
            ):
                if kr is not kr_was or every_bar:
                    item = top.child(j)
                    assert item is not None
                    self._fill_key_result(item, kr, elapsed)
        if after.not_ambitious != before.not_ambitious or every_bar:
            self._retranslate_view()
        self._follow_current()

    def refresh(self) -> None:
        if self.session.closed:
            return
        current = self.current()
        view = self.session.view(review_view, self.workshop_id, self.session.clock())
        same_rows = (
            view is not None
            and self.view is not None
            and _rows_of(view) == _rows_of(self.view)
            and self.tree.topLevelItemCount() == len(view.objectives)
        )
        self.view = view
        if view is not None and same_rows:
            # A check-in or a score: the same rows, their figures updated in place, so only
            # what changed is laid out and painted again (a rebuild re-wraps every title).
            for i, objective in enumerate(view.objectives):
                top = self.tree.topLevelItem(i)
                assert top is not None
                self._fill_objective(top, objective)
                for j, kr in enumerate(objective.key_results):
                    item = top.child(j)
                    assert item is not None
                    self._fill_key_result(item, kr, float(view.elapsed))
        else:
            self._rebuild(current)
        self._retranslate_view()
        self._follow_current()

    def _follow_current(self) -> None:
        """The form and the room show the key result being checked in (once a check-in is
        recorded and the next one has come up, when it is held)."""
        if self._held:
            self._form_due = True
            return
        self._form_due = False
        self._show_form()
        self._project()

    def _rebuild(self, current: int | None) -> None:
        self.tree.clear()
        view = self.view
        if view is None:
            return
        for objective in view.objectives:
            top = QTreeWidgetItem()
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self._fill_objective(top, objective)
            self.tree.addTopLevelItem(top)
            for kr in objective.key_results:
                item = QTreeWidgetItem(top)
                item.setData(0, KR_ROLE, kr.id)
                self._fill_key_result(item, kr, float(view.elapsed))
                if kr.id == current:
                    self.tree.setCurrentItem(item)
            top.setExpanded(True)

    def _fill_objective(self, top: QTreeWidgetItem, objective: ReviewObjective) -> None:
        _set_text(top, 0, objective.title)
        _set_text(top, 4, self._score_text(objective.score.value))
        top.setToolTip(0, plain_tip(objective.title))

    def _fill_key_result(self, item: QTreeWidgetItem, kr: ReviewKeyResult, elapsed: float) -> None:
        for column, text in enumerate(self._row(kr)):
            _set_text(item, column, text)
        item.setToolTip(0, plain_tip(kr.title))
        progress = kr.progress
        bar = None if progress is None else (float(progress), elapsed)
        if item.data(1, BAR_ROLE) != bar:  # Qt cannot compare the tuples: every set repaints
            item.setData(1, BAR_ROLE, bar)

    def _row(self, kr: ReviewKeyResult) -> list[str]:
        latest = kr.latest
        progress = "—" if kr.progress is None else f"{round(kr.progress * 100)} %"
        confidence = "—" if latest is None or latest.confidence is None else str(latest.confidence)
        trend = " → ".join(
            f"{round(check.progress * 100)}"
            for check in kr.history[-4:]
            if check.progress is not None
        )
        return [kr.title, progress, confidence, trend, self._score_text(kr.score.value)]

    @staticmethod
    def _score_text(score: Decimal | None) -> str:
        return "—" if score is None else shown(score)

    def current(self) -> int | None:
        """The key result being checked in."""
        item = self.tree.currentItem()
        value = None if item is None else item.data(0, KR_ROLE)
        return value if isinstance(value, int) else None

    def _current_kr(self) -> ReviewKeyResult | None:
        current = self.current()
        if self.view is None or current is None:
            return None
        return next(
            (kr for o in self.view.objectives for kr in o.key_results if kr.id == current), None
        )

    def _items(self) -> list[QTreeWidgetItem]:
        """The key results' rows, in order."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                found += [child for j in range(top.childCount()) if (child := top.child(j))]
        return found

    def _kr_kind(self, item: QTreeWidgetItem) -> str | None:
        """The kind of the key result on this row (for tests and the form)."""
        kr_id = item.data(0, KR_ROLE)
        for objective in self.view.objectives if self.view is not None else ():
            for kr in objective.key_results:
                if kr.id == kr_id:
                    return kr.kind.value
        return None

    def step(self, by: int) -> None:
        """The next (or previous) key result; the value box takes the keyboard."""
        items = self._items()
        if not items:
            return
        current = self.tree.currentItem()
        index = items.index(current) + by if current in items else 0
        self.tree.setCurrentItem(items[max(0, min(index, len(items) - 1))])
        self._focus_editor()

    def _focus_editor(self) -> None:
        kr = self._current_kr()
        milestone = kr is not None and kr.kind == KeyResultKind.MILESTONE
        (self.percent if milestone else self.value).setFocus()

    # The projector
    def slide(self) -> ReviewSlide | None:
        """The objective of the key result being checked in, as the room sees it."""
        view, current = self.view, self.current()
        if view is None or not view.objectives:
            return None
        found = next(
            (
                (number, objective)
                for number, objective in enumerate(view.objectives, 1)
                if any(kr.id == current for kr in objective.key_results)
            ),
            (1, view.objectives[0]),
        )
        number, objective = found
        heading = f"{view.unit} · {view.cycle}"
        count = len(view.objectives)
        return ReviewSlide(heading, objective, number, count, view.elapsed, current)

    def _project(self) -> None:
        if self.projector is not None and self.isVisible():
            self.projector(self.slide())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._focus_editor()
        self._project()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.projector is not None:
            self.projector(None)  # the room sees the workshop's page again

    # The form
    def _show_form(self) -> None:
        kr = self._current_kr()
        enabled = kr is not None and not self.session.read_only
        editors: tuple[QWidget, ...] = (
            self.value,
            self.done_box,
            self.percent,
            self.confidence,
            self.comment,
        )
        for editor in editors:
            editor.setEnabled(enabled)
        self.record.setEnabled(enabled)
        self.adjust.setEnabled(enabled)
        self.clear.setEnabled(enabled and kr is not None and kr.score.adjusted is not None)
        metric = kr is None or kr.kind == KeyResultKind.METRIC
        for shown_for_metric in (self.value, self.value_label):
            shown_for_metric.setVisible(metric)
        for milestone_only in (self.done_box, self.done_label, self.percent, self.percent_label):
            milestone_only.setVisible(not metric)
        if kr is None:
            self.history.show_rows([])
            self.kr_title.setText("")
            self.kr_measure.setText("")
            self.score.setText("")
            return
        self.kr_title.setText(kr.title)
        self.kr_measure.setText(self._measure(kr))
        latest = kr.latest
        self.value.clear()
        self.comment.clear()
        self.done_box.setChecked(bool(latest and latest.done))
        self.percent.setValue(latest.percent or 0 if latest else 0)
        self.confidence.setValue(
            latest.confidence if latest and latest.confidence is not None else NO_CONFIDENCE
        )
        self.history.show_rows([self._history_row(check) for check in reversed(kr.history)])
        self.score.setText(self._score_words(kr))

    def _history_row(self, check: CheckInView) -> Row:
        """The check-in's row (kept: the list shows a key result's every check-in again
        after each one recorded; by the check-in as read, so a changed one is made anew)."""
        row = self._rows.get(check)
        if row is None:
            if len(self._rows) > KEPT_ROWS:
                self._rows.clear()
            row = self._rows[check] = _history_row(check)
        return row

    def _measure(self, kr: ReviewKeyResult) -> str:
        if kr.kind == KeyResultKind.MILESTONE:
            return self.tr("Milestone")
        unit = f" {kr.unit}" if kr.unit else ""
        if kr.start is None or kr.target is None:
            return self.tr("No start or target written: no progress can be computed")
        return (
            self.tr("From %1 to %2")
            .replace("%1", f"{kr.start}{unit}")
            .replace("%2", f"{kr.target}{unit}")
        )

    def _score_words(self, kr: ReviewKeyResult) -> str:
        """The score, and what it means against the grading guidance for its commitment."""
        score = kr.score
        if score.adjusted is not None:
            words = (
                self.tr("Score %1 (adjusted from %2: %3)")
                .replace("%1", shown(score.adjusted))
                .replace("%2", self._score_text(score.computed))
                .replace("%3", score.reason or "")
            )
        elif score.computed is None:
            return self.tr("No score yet")
        else:
            words = self.tr("Score %1").replace("%1", shown(score.computed))
        if kr.grade is None:
            return words
        language = self.session.language
        grade = translate(GRADE_TEXT[kr.grade], language)
        return translate("summary.review_graded", language, score=words, grade=grade)

    def _guidance_for(self, kr: ReviewKeyResult) -> str:
        """The grading guidance for the key result's commitment (where its score is set)."""
        view = self.view
        guidance = view.guidance if view is not None else GUIDANCE
        aspirational = kr.commitment == Commitment.ASPIRATIONAL
        message = guidance.aspirational_text if aspirational else guidance.committed_text
        return translate(message, self.session.language)

    def record_check_in(self) -> None:
        """Record what the form says; on to the next key result when it was taken."""
        kr = self._current_kr()
        if kr is None:
            return
        said = self.confidence.value()
        confidence = None if said == NO_CONFIDENCE else said
        comment = self.comment.text() or None
        metric = kr.kind == KeyResultKind.METRIC
        done = None if metric else self.done_box.isChecked() or None
        operation = RecordCheckIn(
            kr.id,
            value=self.value.text().strip() if metric else None,
            done=done,
            percent=None if metric or done else self.percent.value(),
            confidence=confidence,
            comment=comment,
        )
        self._held += 1
        try:
            if self.session.run(operation) is not None:
                self.problem.hide()
                self.step(1)
        finally:
            self._held -= 1
        if self._form_due:
            self._follow_current()

    def adjust_score(self) -> None:
        kr = self._current_kr()
        if kr is None:
            return
        # The guidance where the score is entered: what this key result's score should be.
        prompt = "\n".join(
            (
                kr.title,
                self._score_words(kr),
                self._guidance_for(kr),
                "",
                self.tr("Score (0.0 to 1.0):"),
            )
        )
        score = ask_text(self, self.tr("Adjust the score"), prompt)
        if score is None:
            return
        reason = ask_text(self, self.tr("Adjust the score"), self.tr("Why (recorded with it):"))
        if reason is not None:
            self.session.run(AdjustScore(kr.id, score.strip(), reason))

    def clear_adjustment(self) -> None:
        kr = self._current_kr()
        if kr is not None:
            self.session.run(ClearScoreAdjustment(kr.id))

    # Words
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def import_check_ins(self) -> None:
        """Check-ins from the sheet the owners filled in (window-modal, one undo step)."""
        from okrdesk.ui.checkin_import_dialog import open_check_in_import

        open_check_in_import(self, self.session, self.workshop_id)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(
            [
                self.tr("Objective / key result"),
                self.tr("Progress"),
                self.tr("Confidence"),
                self.tr("Trend (%)"),
                self.tr("Score"),
            ]
        )
        self.history.name_columns(
            [self.tr("When"), self.tr("Value"), self.tr("Confidence"), self.tr("Comment")]
        )
        self.history.setAccessibleName(self.tr("Check-ins of this key result, newest first"))
        self.value_label.setText(self.tr("Value now:"))
        self.done_label.setText(self.tr("Done:"))
        self.percent_label.setText(self.tr("Done so far:"))
        self.confidence_label.setText(self.tr("Confidence (0–10):"))
        self.confidence.setSpecialValueText(self.tr("not said"))
        self.comment_label.setText(self.tr("Comment:"))
        self.record.setText(self.tr("Record and Next (Enter)"))
        self.adjust.setText(self.tr("Adjust Score…"))
        self.clear.setText(self.tr("Clear Adjustment"))
        self.import_button.setText(self.tr("Import Check-ins…"))
        self._retranslate_view()
        self._show_form()

    def _retranslate_view(self) -> None:
        view = self.view
        language = self.session.language
        if view is None:
            self.setWindowTitle(self.tr("Progress Review"))
            return
        self.setWindowTitle(self.tr("Progress Review — %1").replace("%1", view.title))
        self.heading.setText(f"{view.unit} · {view.cycle}")
        self.elapsed.setText(
            self.tr("%1 % of the cycle has gone (%2 to %3); the orange mark on each bar")
            .replace("%1", str(round(view.elapsed * 100)))
            .replace("%2", view.starts_on.isoformat())
            .replace("%3", view.ends_on.isoformat())
        )
        lines = [
            translate(view.guidance.committed_text, language),
            translate(view.guidance.aspirational_text, language),
        ]
        if view.not_ambitious:
            lines.append(translate(view.guidance.not_ambitious_text, language))
        if not view.objectives:
            lines.insert(
                0, self.tr("These OKRs are not approved yet: check-ins start after sign-off.")
            )
        self.guidance.setText("\n".join(lines))


def _history_row(check: CheckInView) -> Row:
    """A check-in as the history list shows it: when, the value, the confidence, the comment."""
    when = check.at.astimezone().strftime("%Y-%m-%d %H:%M")
    if check.value is not None:
        measure = str(check.value)
    else:
        measure = "✓" if check.done else f"{check.percent or 0} %"
    confidence = "—" if check.confidence is None else str(check.confidence)
    return (when, measure, confidence, check.comment or "")


def _set_text(item: QTreeWidgetItem, column: int, text: str) -> None:
    if item.text(column) != text:
        item.setText(column, text)


def _rows_of(view: ReviewView) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """The review's rows: each objective with its key results, by id, in order."""
    return tuple((o.id, tuple(kr.id for kr in o.key_results)) for o in view.objectives)
