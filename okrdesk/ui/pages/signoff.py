"""Sign-off: the signer approves the set (and it locks) or returns it with a reason.

The signer may comment on each objective, sign by hand, and have the room see the OKRs on
the projector one objective at a time. For a person's OKRs (the light form) this is the
manager's 1:1 confirmation.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.quality import Finding
from okrdesk.engine.signature import parse_signature, signature_json
from okrdesk.engine.signoff_view import PresentedObjective, signoff_view
from okrdesk.engine.snapshot import DecisionView
from okrdesk.models.enums import Decision, DecisionKind
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.rationale_field import RationaleField
from okrdesk.ui.session import PlanSession
from okrdesk.ui.signature_pad import SignaturePad, signature_pixmap
from okrdesk.ui.words import signoff_status_name
from okrdesk.ui.wrapping_delegate import WrappingDelegate

ID_ROLE = Qt.ItemDataRole.UserRole
ICON_SIZE = QSize(120, 42)
SIGNATURE_SIZE = QSize(360, 126)  # the signature on the approved card
# What the sign-off shows: the selected OKRs, their checks, the decisions, the unit's form.
_SHOWN_ASPECTS = (
    Aspect.OBJECTIVES,
    Aspect.KEY_RESULTS,
    Aspect.ALIGNMENT,
    Aspect.SIGNOFF,
    Aspect.WORKSHOPS,
    Aspect.UNITS,
)


def decision_text(record: DecisionView, verb: str) -> str:
    """One decision as the history shows it: round, time, signer, verb, comments."""
    when = record.at.astimezone().strftime("%Y-%m-%d %H:%M")
    text = f"{record.round}. {when} · {record.signer} · {verb}"
    if record.comment:
        text += f" — {record.comment}"
    for title, comment in record.notes:
        text += f"\n    {title}: {comment}"
    return text


class SignOffPage(PhasePage):
    presentation_changed = Signal()  # the objective shown on the projector changed

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.light = False
        self.status = PlainLabel()
        self.status.setObjectName("sectionTitle")
        self.okrs = QTreeWidget()
        self.okrs.setColumnCount(2)
        self.okrs.setRootIsDecorated(False)
        # Every title whole, wrapped to the column: the signer reads what they sign.
        self.okrs.setItemDelegate(WrappingDelegate(self.okrs))
        # Only the comment column is edited: double-click or F2 anywhere on an objective.
        self.okrs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.okrs.itemDoubleClicked.connect(lambda item, _column: self.edit_note(item))
        edit = QAction(self.okrs)
        edit.setShortcut(QKeySequence(Qt.Key.Key_F2))
        edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit.triggered.connect(lambda: self.edit_note(self.okrs.currentItem()))
        self.okrs.addAction(edit)
        header = self.okrs.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.okrs.setColumnWidth(1, 200)
        self.present_label = PlainLabel()
        self.present = QComboBox()
        self.present.currentIndexChanged.connect(lambda _i: self.presentation_changed.emit())
        self.checks_label = PlainLabel()
        self.checks = QListWidget()
        self.checks.setMaximumHeight(120)
        self.checks.setWordWrap(True)

        self.signer = QComboBox()
        self.signer.setEditable(True)
        line = self.signer.lineEdit()
        assert line is not None  # an editable combo box has its line edit
        line.setMaxLength(100)
        self.comment = QPlainTextEdit()
        self.comment.setMaximumHeight(80)
        self.comment.setTabChangesFocus(True)  # Tab goes on to Approve, not into the text
        self.pad = SignaturePad()
        self.clear_pad = QPushButton()
        self.clear_pad.clicked.connect(self.pad.clear)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("primary")
        self.return_button = QPushButton()
        self.reopen_button = QPushButton()
        self.approve_button.clicked.connect(lambda: self._decide(Decision.APPROVE))
        self.return_button.clicked.connect(lambda: self._decide(Decision.RETURN))
        self.reopen_button.clicked.connect(self.reopen)
        self.history = QListWidget()
        self.history.setIconSize(ICON_SIZE)
        self.history.setWordWrap(True)
        # Once approved, the form gives way to the approval: who, when, the signature.
        self.approved = QFrame()
        self.approved.setObjectName("approvedCard")
        self.approved_title = PlainLabel()
        self.approved_title.setObjectName("approvedTitle")
        self.approved_by = PlainLabel()
        self.approved_by.setWordWrap(True)
        self.approved_signature = PlainLabel()
        card = QVBoxLayout(self.approved)
        card.addWidget(self.approved_title)
        card.addWidget(self.approved_by)
        card.addWidget(self.approved_signature, 0, Qt.AlignmentFlag.AlignLeft)
        card.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.approved.hide()

        left = QVBoxLayout()
        left.addWidget(self.status)
        presenting = QHBoxLayout()
        presenting.addWidget(self.present_label)
        presenting.addWidget(self.present, 1)
        left.addLayout(presenting)
        left.addWidget(self.okrs, 1)
        # The chosen objective's why, said at the all-hands (written here or at Select).
        self.why = RationaleField(session)
        self.okrs.currentItemChanged.connect(lambda item, _before: self._show_why(item))
        left.addWidget(self.why)
        left.addWidget(self.checks_label)
        left.addWidget(self.checks)

        form = QFormLayout()
        self.signer_label, self.comment_label = PlainLabel(), PlainLabel()
        self.signature_label, self.history_label = PlainLabel(), PlainLabel()
        form.addRow(self.signer_label, self.signer)
        form.addRow(self.comment_label, self.comment)
        pad_row = QVBoxLayout()
        pad_row.addWidget(self.pad)
        pad_row.addWidget(self.clear_pad, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(self.signature_label, pad_row)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.deciding = QWidget()
        deciding = QVBoxLayout(self.deciding)
        deciding.setContentsMargins(0, 0, 0, 0)
        deciding.addLayout(form)
        deciding.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.deciding)
        right.addWidget(self.approved)
        right.addWidget(self.history_label)
        right.addWidget(self.history, 1)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        self.layout_.addLayout(columns, 1)
        self.retranslate()

    def retranslate(self) -> None:
        if self.light:
            self.title.setText(self.tr("Manager's confirmation (1:1)"))
            self.hint.setText(
                self.tr(
                    "The manager goes through the person's OKRs with them and confirms them, "
                    "or sends them back with a comment. Double-click an objective to comment "
                    "on it."
                )
            )
            self.signer_label.setText(self.tr("Manager"))
            self.approve_button.setText(self.tr("Confirm"))
            self.return_button.setText(self.tr("Send back"))
        else:
            self.title.setText(self.tr("Sign-off"))
            self.hint.setText(
                self.tr(
                    "The signer approves the selected OKRs, which then lock, or returns them "
                    "with a reason for another round; double-click an objective to comment on "
                    "it. Reopening approved OKRs needs a reason too."
                )
            )
            self.signer_label.setText(self.tr("Signer"))
            self.approve_button.setText(self.tr("Approve"))
            self.return_button.setText(self.tr("Return for another round"))
        self.okrs.setHeaderLabels([self.tr("OKRs"), self.tr("Comment on this objective")])
        self.present_label.setText(self.tr("On the projector:"))
        self.present.setAccessibleName(self.tr("What the projector shows"))
        self.comment_label.setText(self.tr("Comment"))
        self.signature_label.setText(self.tr("Signature"))
        self.clear_pad.setText(self.tr("Clear signature"))
        self.pad.placeholder = self.tr("Sign here (optional)")
        self.pad.setAccessibleName(self.tr("Hand-drawn signature (optional)"))
        self.history_label.setText(self.tr("Decisions"))
        self.history.setAccessibleName(self.history_label.text())
        self.checks_label.setText(self.tr("Quality checks (warnings, not blocks)"))
        self.checks.setAccessibleName(self.tr("Quality checks of the selected OKRs"))
        self.signer.setAccessibleName(self.tr("Signer's name"))
        self.comment.setAccessibleName(self.tr("Comment (required to return)"))
        self.okrs.setAccessibleName(self.tr("The OKRs presented for sign-off"))
        self.reopen_button.setText(self.tr("Reopen…"))
        self.reload()

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        view = self.session.view(signoff_view, self.workshop_id, self.session.clock())
        if view is None:
            return
        if view.light != self.light:
            self.light = view.light
            self.retranslate()  # reloads
            return
        self.status.setText(signoff_status_name(view.status, self.light))
        self._fill_okrs(view.presented, editable=not view.locked)
        self._fill_checks(view.findings)
        self._fill_history(view.history)
        signers = [self.signer.itemText(i) for i in range(self.signer.count())]
        for signer in view.signers:
            if signer not in signers:
                signers.append(signer)
                self.signer.addItem(signer)
        self.approve_button.setEnabled(view.can_decide)
        self.return_button.setEnabled(view.can_decide)
        self.reopen_button.setEnabled(view.can_reopen)
        self._show_approval(view.approval, locked=view.locked)
        self.pad.setEnabled(not view.locked)
        self.signer.setEnabled(not view.imported)  # also names who reopens
        self.clear_pad.setEnabled(not view.locked)

    def _show_approval(self, approval: DecisionView | None, *, locked: bool) -> None:
        """The approved card in place of the form while the OKRs stand approved."""
        self.deciding.setVisible(not locked)
        self.approved.setVisible(locked)
        if not locked:
            return
        self.approved_title.setText(
            "✓ " + (self.tr("Confirmed") if self.light else self.tr("Approved"))
        )
        if approval is None:  # locked without a decision here: a parent's imported OKRs
            self.approved_by.setText(self.tr("Approved where these OKRs were set."))
            self.approved_signature.clear()
            return
        when = approval.at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.approved_by.setText(f"{approval.signer} · {when}")
        signature = parse_signature(approval.signature)
        if signature is None:
            self.approved_signature.setText(self.tr("(no drawn signature)"))
        else:
            self.approved_signature.setPixmap(signature_pixmap(signature, SIGNATURE_SIZE))

    def apply_change(self, change: Change) -> None:
        """Re-read when the change touched what this workshop's sign-off shows."""
        if change.about(self.workshop_id) and change.touches(*_SHOWN_ASPECTS):
            self.reload()

    def _fill_okrs(self, selected: tuple[PresentedObjective, ...], *, editable: bool) -> None:
        notes = self.notes()  # keep comments typed but not yet sent
        self.okrs.clear()
        for number, objective in enumerate(selected, start=1):
            item = QTreeWidgetItem([f"O{number}  {objective.title}", notes.get(objective.id, "")])
            item.setData(0, ID_ROLE, objective.id)
            flags = item.flags() | Qt.ItemFlag.ItemIsEditable if editable else item.flags()
            item.setFlags(flags)
            item.setToolTip(1, self.tr("Double-click to comment on this objective"))
            for n, title in enumerate(objective.key_results, start=1):
                child = QTreeWidgetItem([f"KR{n}  {title}", ""])
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.addChild(child)
            self.okrs.addTopLevelItem(item)
        self.okrs.expandAll()
        if not selected:
            self.okrs.addTopLevelItem(QTreeWidgetItem([self.tr("No objectives are selected yet.")]))
        presented = self.presented()
        self.present.blockSignals(True)
        self.present.clear()
        self.present.addItem(self.tr("All objectives together"), None)
        for number, objective in enumerate(selected, start=1):
            self.present.addItem(f"O{number}  {objective.title}", objective.id)
        self.present.setCurrentIndex(max(self.present.findData(presented), 0))
        self.present.blockSignals(False)
        if self.presented() != presented:
            self.presentation_changed.emit()

    def _fill_checks(self, findings: tuple[Finding, ...]) -> None:
        self.checks.clear()
        for finding in findings:
            self.checks.addItem("⚠ " + finding.message(self.session.language))
        if not findings:
            self.checks.addItem(self.tr("No findings: the OKRs pass every check."))

    def _fill_history(self, history: tuple[DecisionView, ...]) -> None:
        """Every decision and every reopening, oldest first."""
        self.history.clear()
        for entry in history:
            if entry.decision == DecisionKind.REOPEN:
                when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
                who = f" · {entry.signer}" if entry.signer else ""
                item = QListWidgetItem(f"{when}{who} · {self.tr('reopened')} — {entry.comment}")
                item.setIcon(QIcon(signature_pixmap(None, ICON_SIZE)))
            else:
                if entry.decision == DecisionKind.APPROVE:
                    verb = self.tr("confirmed") if self.light else self.tr("approved")
                else:
                    verb = self.tr("sent back") if self.light else self.tr("returned")
                item = QListWidgetItem(decision_text(entry, verb))
                # Every row gets an icon's room, so the texts line up signed or not.
                signature = parse_signature(entry.signature)
                item.setIcon(QIcon(signature_pixmap(signature, ICON_SIZE)))
            self.history.addItem(item)

    def set_workshop(self, workshop_id: int | None) -> None:
        if workshop_id != self.workshop_id:
            self.clear_draft()  # nothing typed or drawn for one workshop goes to another
        super().set_workshop(workshop_id)

    def clear_draft(self) -> None:
        """Forget the comment, the drawing, the notes and the projector choice."""
        self.comment.clear()
        self.pad.clear()
        self.okrs.clear()
        self.present.setCurrentIndex(0)

    def edit_note(self, item: QTreeWidgetItem | None) -> None:
        """Start typing the comment on the objective of the item (or of its key result)."""
        if item is not None and item.parent() is not None:
            item = item.parent()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.okrs.setCurrentItem(item, 1)
            self.okrs.editItem(item, 1)

    def notes(self) -> dict[int, str]:
        """The comments typed against objectives, by objective id."""
        notes: dict[int, str] = {}
        for row in range(self.okrs.topLevelItemCount()):
            item = self.okrs.topLevelItem(row)
            objective_id = None if item is None else item.data(0, ID_ROLE)
            if item is not None and objective_id is not None and item.text(1).strip():
                notes[objective_id] = item.text(1)
        return notes

    def _show_why(self, item: QTreeWidgetItem | None) -> None:
        if item is not None and item.parent() is not None:
            item = item.parent()  # a key result's row: its objective
        objective_id = None if item is None else item.data(0, ID_ROLE)
        self.why.set_objective(objective_id if isinstance(objective_id, int) else None)

    def presented(self) -> int | None:
        """The objective the projector shows on its own, or None for all together."""
        return self.present.currentData()

    def _decide(self, decision: Decision) -> None:
        if self.workshop_id is None:
            return
        signature = self.pad.signature() if decision == Decision.APPROVE else None
        change = self.session.run(
            ops.SignOffWorkshop(
                self.workshop_id,
                decision,
                self.signer.currentText(),
                self.comment.toPlainText(),
                signature=None if signature is None else signature_json(signature),
                notes=tuple(self.notes().items()),
            )
        )
        if change is not None:
            self.clear_draft()
            self.reload()

    def reopen(self) -> None:
        from okrdesk.ui.dialogs import ask_text

        if self.workshop_id is None:
            return
        reason = ask_text(
            self, self.tr("Reopen"), self.tr("Why are the approved OKRs reopened?"), multiline=True
        )
        if reason is not None:
            self.session.run(
                ops.ReopenWorkshop(self.workshop_id, reason, self.signer.currentText())
            )

    def focus_default(self) -> None:
        # Once approved the form is hidden: the keyboard goes to the OKRs, not a hidden field.
        (self.okrs if self.deciding.isHidden() else self.signer).setFocus()
