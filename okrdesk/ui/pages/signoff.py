"""Sign-off: the signer approves the set (and it locks) or returns it with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.quality import check_workshop
from okrdesk.engine.queries import signoff_state
from okrdesk.engine.snapshot import workshop_view
from okrdesk.models import Decision, Objective, Workshop
from okrdesk.models.types import utc_now
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.session import PlanSession
from okrdesk.ui.words import signoff_status_name


class SignOffPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.status = QLabel()
        self.status.setObjectName("sectionTitle")
        self.okrs = QPlainTextEdit()
        self.okrs.setReadOnly(True)
        self.signer = QLineEdit()
        self.signer.setMaxLength(100)
        self.comment = QPlainTextEdit()
        self.comment.setMaximumHeight(90)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("primary")
        self.return_button = QPushButton()
        self.reopen_button = QPushButton()
        self.approve_button.clicked.connect(lambda: self._decide(Decision.APPROVE))
        self.return_button.clicked.connect(lambda: self._decide(Decision.RETURN))
        self.reopen_button.clicked.connect(self.reopen)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)
        self.checks_label = QLabel()
        self.checks = QListWidget()
        self.checks.setMaximumHeight(120)
        form = QFormLayout()
        self.signer_label, self.comment_label, self.history_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.signer_label, self.signer)
        form.addRow(self.comment_label, self.comment)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.return_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.okrs, 1)
        self.layout_.addWidget(self.checks_label)
        self.layout_.addWidget(self.checks)
        self.layout_.addLayout(form)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.history_label)
        self.layout_.addWidget(self.history)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sign-off"))
        self.hint.setText(
            self.tr(
                "The signer approves the selected OKRs, which then lock, or returns them with "
                "a reason for another round. Reopening approved OKRs needs a reason too."
            )
        )
        self.signer_label.setText(self.tr("Signer"))
        self.comment_label.setText(self.tr("Comment"))
        self.history_label.setText(self.tr("Decisions"))
        self.checks_label.setText(self.tr("Quality checks (warnings, not blocks)"))
        self.checks.setAccessibleName(self.tr("Quality checks of the selected OKRs"))
        self.signer.setAccessibleName(self.tr("Signer's name"))
        self.comment.setAccessibleName(self.tr("Comment (required to return)"))
        self.okrs.setAccessibleName(self.tr("The OKRs presented for sign-off"))
        self.approve_button.setText(self.tr("Approve"))
        self.return_button.setText(self.tr("Return for another round"))
        self.reopen_button.setText(self.tr("Reopen…"))
        self.reload()

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            if workshop is None:
                return
            state = signoff_state(workshop)
            self.status.setText(signoff_status_name(state.status))
            lines = []
            selected = session.scalars(
                select(Objective)
                .where(Objective.workshop_id == workshop.id, Objective.selected.is_(True))
                .order_by(Objective.position)
            ).all()
            for number, objective in enumerate(selected, start=1):
                lines.append(f"O{number}  {objective.title}")
                lines.extend(
                    f"    KR{n}  {kr.title}" for n, kr in enumerate(objective.key_results, start=1)
                )
            self.okrs.setPlainText("\n".join(lines) or self.tr("No objectives are selected yet."))
            self.checks.clear()
            findings = check_workshop(
                workshop_view(session, workshop, utc_now()), workshop.unit.level.value
            )
            for finding in findings:
                self.checks.addItem("⚠ " + finding.message(self.session.language))
            if not findings:
                self.checks.addItem(self.tr("No findings: the OKRs pass every check."))
            self.history.clear()
            for decision in workshop.signoffs:
                verb = (
                    self.tr("approved")
                    if decision.decision == Decision.APPROVE
                    else self.tr("returned")
                )
                when = decision.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
                text = f"{decision.round}. {when} · {decision.signer} · {verb}"
                self.history.addItem(text + (f" — {decision.comment}" if decision.comment else ""))
            self.approve_button.setEnabled(not workshop.locked)
            self.return_button.setEnabled(not workshop.locked)
            self.reopen_button.setEnabled(workshop.locked)

    def _decide(self, decision: Decision) -> None:
        if self.workshop_id is None:
            return
        change = self.session.run(
            ops.SignOffWorkshop(
                self.workshop_id, decision, self.signer.text(), self.comment.toPlainText()
            )
        )
        if change is not None:
            self.comment.clear()

    def reopen(self) -> None:
        from okrdesk.ui.dialogs import ask_text

        if self.workshop_id is None:
            return
        reason = ask_text(
            self, self.tr("Reopen"), self.tr("Why are the approved OKRs reopened?"), multiline=True
        )
        if reason is not None:
            self.session.run(ops.ReopenWorkshop(self.workshop_id, reason))

    def focus_default(self) -> None:
        self.signer.setFocus()
