"""Carry-over: a new cycle's workshop is offered what the unit's last cycle left unfinished
(objectives below 0.7 or marked to carry) and its retrospective's lessons; the facilitator
ticks which to bring, and they go on the new wall as cards marked "carried over"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.carry_over import CarryOver, CarryOverOffer, carry_over_offer
from okrdesk.engine.scoring import shown
from okrdesk.messages import translate
from okrdesk.ui.plain_label import PlainLabel, plain_tip
from okrdesk.ui.session import PlanSession

OBJECTIVE_ROLE = Qt.ItemDataRole.UserRole  # an offered objective's id
ANSWER_ROLE = Qt.ItemDataRole.UserRole + 1  # an offered lesson's answer id


class CarryOverDialog(QDialog):
    """What the last cycle offers the new wall, every item ticked; Carry Over brings the
    ticked ones (one undo step), Not Now brings nothing (offered again next time)."""

    def __init__(
        self,
        session: PlanSession,
        workshop_id: int,
        offer: CarryOverOffer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("carry_over_dialog")
        self.session = session
        self.workshop_id = workshop_id
        self.offer = offer
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.carry = QPushButton()
        self.carry.setDefault(True)
        self.later = QPushButton()
        self.buttons.addButton(self.carry, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.later, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self.retranslate()

    def _fill(self) -> None:
        self.tree.clear()
        language = self.session.language
        offer = self.offer
        objectives = [o for o in offer.objectives if not o.carried]
        lessons = [lesson for lesson in offer.lessons if not lesson.carried]
        if objectives:
            top = self._heading(
                self.tr("Objectives of %1 not finished or marked to carry").replace(
                    "%1", offer.previous_cycle or ""
                )
            )
            for objective in objectives:
                if objective.score is None:
                    why = self.tr("never scored")
                elif objective.unfinished:
                    why = self.tr("scored %1").replace("%1", shown(objective.score))
                else:
                    why = self.tr("scored %1, marked to carry").replace(
                        "%1", shown(objective.score)
                    )
                item = self._item(top, objective.title, why)
                item.setData(0, OBJECTIVE_ROLE, objective.objective_id)
        by_question: dict[str, QTreeWidgetItem] = {}
        for lesson in lessons:
            top_item = by_question.get(lesson.question.value)
            if top_item is None:
                top_item = self._heading(
                    self.tr("Lessons: %1").replace(
                        "%1", translate(lesson.question.message_id, language)
                    )
                )
                by_question[lesson.question.value] = top_item
            about = "" if lesson.objective is None else lesson.objective
            item = self._item(top_item, lesson.text, about)
            item.setData(0, ANSWER_ROLE, lesson.answer_id)

    def _heading(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(item)
        item.setExpanded(True)
        return item

    def _item(self, parent: QTreeWidgetItem, text: str, detail: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, detail])
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        item.setCheckState(0, Qt.CheckState.Checked)
        item.setToolTip(0, plain_tip(text))
        return item

    def _ticked(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        objectives: list[int] = []
        answers: list[int] = []
        for item in self.items():
            if item.checkState(0) != Qt.CheckState.Checked:
                continue
            objective, answer = item.data(0, OBJECTIVE_ROLE), item.data(0, ANSWER_ROLE)
            if isinstance(objective, int):
                objectives.append(objective)
            elif isinstance(answer, int):
                answers.append(answer)
        return tuple(objectives), tuple(answers)

    def items(self) -> list[QTreeWidgetItem]:
        """The offered items' rows, in order (for tests)."""
        found: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                found += [child for j in range(top.childCount()) if (child := top.child(j))]
        return found

    def accept(self) -> None:
        objectives, answers = self._ticked()
        if objectives or answers:
            operation = CarryOver(self.workshop_id, objectives, answers)
            if self.session.run(operation) is None:
                return  # refused (said in the window's message bar): the list stays open
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Carry Over from the Last Cycle"))
        self.intro.setText(
            self.tr(
                "%1 ended with these unfinished objectives and lessons. Tick what this "
                "workshop's wall should start with: each goes on it as a card marked "
                "“carried over”, which the room may keep, edit or delete."
            ).replace("%1", self.offer.previous_cycle or "")
        )
        self.tree.setHeaderLabels([self.tr("Bring to the wall"), self.tr("Why / about")])
        self.carry.setText(self.tr("Carry Over"))
        self.later.setText(self.tr("Not Now"))
        self._fill()


def offer_carry_over(
    session: PlanSession, workshop_id: int, parent: QWidget | None = None, *, asked: bool = False
) -> CarryOverDialog | None:
    """The offer for a workshop just created, shown (not modal) when there is anything to
    bring; None when the unit's last cycle left nothing to carry (``asked``: from the menu,
    which then says so)."""
    offer = session.view(carry_over_offer, workshop_id)
    if offer is None or offer.pending == 0:
        if asked:
            session.noticed.emit(translate("notice.carry_nothing", session.language))
        return None
    dialog = CarryOverDialog(session, workshop_id, offer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.activateWindow()
    return dialog
