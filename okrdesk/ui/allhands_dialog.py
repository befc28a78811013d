"""The all-hands presenter: the quarter's OKRs presented slide by slide, from the keyboard.

The current slide shows in the window and on the projector; Right, Page Down and Space go
on (a slide's next page first), Left and Page Up go back, Home and End go to the first and
last slide, Esc closes. A "Prepare" side lets the facilitator write each objective's why,
mark the objectives shown as a worked breakdown and list a key result's first initiatives;
every change is an operation of the session, undone like any other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import (
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.allhands_view import AllHandsView, ShownKeyResult, ShownObjective, allhands_view
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.initiative_ops import (
    AddInitiative,
    EditInitiative,
    MoveInitiative,
    RemoveInitiative,
)
from okrdesk.engine.rationale_ops import MarkBreakdown, SetRationale, UnmarkBreakdown
from okrdesk.export.allhands_slides import SlideText, slide_texts
from okrdesk.ui.dialogs import ask_text
from okrdesk.ui.plain_label import PlainLabel, plain_tip
from okrdesk.ui.projector.allhands_screen import AllHandsPainting, AllHandsSlide
from okrdesk.ui.projector.colours import BACKGROUND
from okrdesk.ui.session import PlanSession
from okrdesk.ui.style import DANGER

# What the presentation shows changes with these (a department's objective aligned, a score).
SHOWN_ASPECTS = (
    Aspect.OBJECTIVES,
    Aspect.KEY_RESULTS,
    Aspect.INITIATIVES,
    Aspect.ALIGNMENT,
    Aspect.SIGNOFF,
    Aspect.CHECK_INS,
    Aspect.SCORES,
    Aspect.WORKSHOPS,
    Aspect.UNITS,
    Aspect.CYCLES,
)
ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "objective" or "key_result"
NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space)
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)
Projector = Callable[[AllHandsSlide | None], int]


class AllHandsPreview(AllHandsPainting, QWidget):
    """The slide as the projector paints it, in the presenter's window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = 0
        self.pages = 1
        self.view = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 270)

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def show_slide(self, slide: AllHandsSlide | None) -> None:
        self.allhands = slide
        self.setAccessibleDescription("\n".join(slide.text.said()) if slide else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.allhands is not None:
            self._paint_allhands(painter, self.allhands)
        painter.end()


class AllHandsDialog(QDialog):
    """The presenter of one workshop's all-hands (normally the company's)."""

    def __init__(
        self,
        session: PlanSession,
        workshop_id: int,
        parent: QWidget | None = None,
        projector: Projector | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("allhands_dialog")
        self.session = session
        self.workshop_id = workshop_id
        self.projector = projector
        self.view: AllHandsView | None = None
        self.texts: tuple[SlideText, ...] = ()
        self.index = 0  # the slide shown
        self.page = 0  # its page
        self._projector_pages = 0  # the projector's pages for the slide (0: not shown there)
        self._stale = False  # changed while hidden: read again when shown

        self.preview = AllHandsPreview()
        self.position = PlainLabel()
        self.back = QPushButton()
        self.back.clicked.connect(self.previous)
        self.forward = QPushButton()
        self.forward.clicked.connect(self.next)
        for button in (self.back, self.forward):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrows stay the preview's
        steps = QHBoxLayout()
        steps.addWidget(self.back)
        steps.addWidget(self.position, 1)
        steps.addWidget(self.forward)
        show = QWidget()
        show_layout = QVBoxLayout(show)
        show_layout.addWidget(self.preview, 1)
        show_layout.addLayout(steps)

        # Prepare: the why, the breakdown marks, the initiatives.
        self.prepare_title = PlainLabel()
        font = self.prepare_title.font()
        font.setBold(True)
        self.prepare_title.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemChanged.connect(self._breakdown_ticked)
        self.why_label = PlainLabel()
        self.why = QPlainTextEdit()
        self.why.setTabChangesFocus(True)
        self.save_why = QPushButton()
        self.save_why.clicked.connect(self.save_rationale)
        self.initiatives_label = PlainLabel()
        self.initiatives = QListWidget()
        self.initiatives.itemDoubleClicked.connect(lambda _item: self.edit_initiative())
        self.new_initiative = QLineEdit()
        self.new_initiative.returnPressed.connect(self.add_initiative)
        self.add = QPushButton()
        self.add.clicked.connect(self.add_initiative)
        self.edit = QPushButton()
        self.edit.clicked.connect(self.edit_initiative)
        self.remove = QPushButton()
        self.remove.clicked.connect(self.remove_initiative)
        self.up = QPushButton()
        self.up.clicked.connect(lambda: self.move_initiative(-1))
        self.down = QPushButton()
        self.down.clicked.connect(lambda: self.move_initiative(1))
        self.problem = PlainLabel()  # why the last change was refused, in the user's words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {DANGER};")
        self.problem.hide()
        adding = QHBoxLayout()
        adding.addWidget(self.new_initiative, 1)
        adding.addWidget(self.add)
        editing = QHBoxLayout()
        for button in (self.edit, self.remove, self.up, self.down):
            editing.addWidget(button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.prepare_title)
        side_layout.addWidget(self.tree, 2)
        side_layout.addWidget(self.why_label)
        side_layout.addWidget(self.why, 1)
        side_layout.addWidget(self.save_why)
        side_layout.addWidget(self.initiatives_label)
        side_layout.addWidget(self.initiatives, 1)
        side_layout.addLayout(adding)
        side_layout.addLayout(editing)
        side_layout.addWidget(self.problem)
        split = QSplitter()
        split.addWidget(show)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 480])  # the preview large, the prepare side wide enough to read
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)

        self.preview.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Undo, self, session.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, session.undo_stack.redo)
        session.changed.connect(self._changed)
        session.refused.connect(self._refused)
        self.resize(1280, 760)
        self.retranslate()
        self.refresh()

    # Reading
    def _changed(self, change: Change) -> None:
        if not change.touches(*SHOWN_ASPECTS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _refused(self, message: str) -> None:
        if self.isActiveWindow():
            self.problem.setText(message)
            self.problem.show()

    def refresh(self) -> None:
        if self.session.closed:
            return
        self._stale = False
        now = self.session.clock().astimezone()  # the laptop's zone dates the approval
        self.view = self.session.view(allhands_view, self.workshop_id, now)
        self.texts = () if self.view is None else slide_texts(self.view, self.session.language)
        self.index = max(0, min(self.index, len(self.texts) - 1))
        self._fill_tree()
        self._retranslate_view()
        self._show()

    # The slides
    def slide(self) -> AllHandsSlide | None:
        if not self.texts:
            return None
        return AllHandsSlide(self.texts[self.index], self.index + 1, len(self.texts), self.page)

    def pages(self) -> int:
        """The current slide's pages: the projector's when it shows them, else the window's."""
        if self._projector_pages:
            return self._projector_pages
        if not self.texts:
            return 1
        return self.preview.allhands_pages(self.texts[self.index])

    def _show(self) -> None:
        slide = self.slide()
        self._projector_pages = 0
        if self.projector is not None and self.isVisible():
            self._projector_pages = self.projector(slide)
        page = max(0, min(self.page, self.pages() - 1))
        if page != self.page:  # (a slide changed under it: fewer pages now)
            self.page = page
            slide = self.slide()
            if self.projector is not None and self.isVisible():
                self.projector(slide)
        self.preview.show_slide(slide)
        self._retranslate_position()

    def go(self, index: int, page: int = 0) -> None:
        if not self.texts:
            return
        self.index = max(0, min(index, len(self.texts) - 1))
        self.page = page
        self._show()

    def next(self) -> None:
        if self.page + 1 < self.pages():
            self.go(self.index, self.page + 1)
        elif self.index + 1 < len(self.texts):
            self.go(self.index + 1)

    def previous(self) -> None:
        if self.page > 0:
            self.go(self.index, self.page - 1)
        elif self.index > 0:
            self.go(self.index - 1)

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        self.go(len(self.texts) - 1)

    def handle_key(self, key: int) -> bool:
        """The presenter's keys; True when the key was one of them."""
        if key in NEXT_KEYS:
            self.next()
        elif key in BACK_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.preview and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and self.handle_key(
                event.key()
            ):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys no field took (PageDown in a one-line field, or from the buttons) turn slides.
        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and self.handle_key(event.key()):
            return
        super().keyPressEvent(event)  # Esc closes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        self.preview.setFocus()
        self._show()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.projector is not None:
            self.projector(None)  # the room sees the workshop's page again

    # Prepare
    def _fill_tree(self) -> None:
        kept = self._selected()
        self.tree.blockSignals(True)
        self.tree.clear()
        for objective in self.view.objectives if self.view is not None else ():
            top = QTreeWidgetItem([objective.title])
            top.setData(0, ID_ROLE, objective.id)
            top.setData(0, KIND_ROLE, "objective")
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(
                0, Qt.CheckState.Checked if objective.breakdown else Qt.CheckState.Unchecked
            )
            top.setToolTip(0, plain_tip(objective.title))
            self.tree.addTopLevelItem(top)
            for kr in objective.key_results:
                child = QTreeWidgetItem(top, [kr.title])
                child.setData(0, ID_ROLE, kr.id)
                child.setData(0, KIND_ROLE, "key_result")
                child.setToolTip(0, plain_tip(kr.title))
                if kept == ("key_result", kr.id):
                    self.tree.setCurrentItem(child)
            if kept == ("objective", objective.id):
                self.tree.setCurrentItem(top)
            top.setExpanded(True)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self.tree.blockSignals(False)
        self._show_selected()

    def _selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return str(item.data(0, KIND_ROLE)), int(item.data(0, ID_ROLE))

    def selected_objective(self) -> ShownObjective | None:
        item = self.tree.currentItem()
        if item is None or self.view is None:
            return None
        if item.data(0, KIND_ROLE) == "key_result":
            item = item.parent()
            if item is None:
                return None
        return self.view.objective(int(item.data(0, ID_ROLE)))

    def selected_key_result(self) -> ShownKeyResult | None:
        item, objective = self.tree.currentItem(), self.selected_objective()
        if item is None or objective is None or item.data(0, KIND_ROLE) != "key_result":
            return None
        return next((k for k in objective.key_results if k.id == item.data(0, ID_ROLE)), None)

    def _show_selected(self) -> None:
        objective = self.selected_objective()
        self.why.setEnabled(objective is not None)
        self.save_why.setEnabled(objective is not None)
        text = "" if objective is None else objective.rationale
        if self.why.toPlainText() != text:
            self.why.setPlainText(text)
        kr = self.selected_key_result()
        for widget in (self.initiatives, self.new_initiative, self.add):
            widget.setEnabled(kr is not None)
        self.initiatives.clear()
        if kr is not None:
            for text, initiative_id in zip(kr.initiatives, kr.initiative_ids, strict=True):
                row = QListWidgetItem(text)
                row.setData(ID_ROLE, initiative_id)
                row.setToolTip(plain_tip(text))
                self.initiatives.addItem(row)
        has = self.initiatives.count() > 0
        for button in (self.edit, self.remove, self.up, self.down):
            button.setEnabled(has)
        self._retranslate_selected()

    def _breakdown_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if item.data(0, KIND_ROLE) != "objective":
            return
        objective_id = int(item.data(0, ID_ROLE))
        ticked = item.checkState(0) == Qt.CheckState.Checked
        shown = self.view.objective(objective_id) if self.view is not None else None
        if shown is None or shown.breakdown == ticked:
            return
        self.session.run(MarkBreakdown(objective_id) if ticked else UnmarkBreakdown(objective_id))

    def save_rationale(self) -> None:
        objective = self.selected_objective()
        if objective is None or self.why.toPlainText().strip() == objective.rationale:
            return
        if self.session.run(SetRationale(objective.id, self.why.toPlainText())) is not None:
            self.problem.hide()

    def _current_initiative(self) -> int | None:
        row = self.initiatives.currentItem()
        return None if row is None else int(row.data(ID_ROLE))

    def add_initiative(self) -> None:
        kr = self.selected_key_result()
        if kr is None:
            return
        if self.session.run(AddInitiative(kr.id, self.new_initiative.text())) is not None:
            self.new_initiative.clear()
            self.problem.hide()

    def edit_initiative(self) -> None:
        initiative = self._current_initiative()
        row = self.initiatives.currentItem()
        if initiative is None or row is None:
            return
        text = ask_text(self, self.tr("Edit Initiative"), self.tr("Initiative:"), text=row.text())
        if text is not None:
            self.session.run(EditInitiative(initiative, text))

    def remove_initiative(self) -> None:
        initiative = self._current_initiative()
        if initiative is not None:
            self.session.run(RemoveInitiative(initiative))

    def move_initiative(self, by: int) -> None:
        initiative = self._current_initiative()
        row = self.initiatives.currentRow()
        if initiative is not None and 0 <= row + by < self.initiatives.count():
            self.session.run(MoveInitiative(initiative, row + by))
            self.initiatives.setCurrentRow(row + by)

    # Words
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back.setText(self.tr("◀ Back"))
        self.forward.setText(self.tr("Next ▶"))
        self.prepare_title.setText(
            self.tr("Prepare: tick an objective to show it as a worked breakdown")
        )
        self.why_label.setText(self.tr("Why this objective (said on its slide):"))
        self.save_why.setText(self.tr("Save the Why"))
        self.new_initiative.setPlaceholderText(self.tr("A first step toward the key result"))
        self.add.setText(self.tr("Add"))
        self.edit.setText(self.tr("Edit…"))
        self.remove.setText(self.tr("Remove"))
        self.up.setText(self.tr("Up"))
        self.down.setText(self.tr("Down"))
        if self.view is not None:
            self.texts = slide_texts(self.view, self.session.language)
        self._retranslate_view()
        self._retranslate_selected()
        self._show()

    def _retranslate_view(self) -> None:
        if self.view is None:
            self.setWindowTitle(self.tr("All-Hands Presentation"))
            return
        self.setWindowTitle(
            self.tr("All-Hands Presentation — %1 · %2")
            .replace("%1", self.view.unit)
            .replace("%2", self.view.cycle)
        )

    def _retranslate_selected(self) -> None:
        kr = self.selected_key_result()
        if kr is None:
            self.initiatives_label.setText(self.tr("Initiatives: choose a key result above"))
        else:
            self.initiatives_label.setText(
                self.tr("Initiatives under “%1”:").replace("%1", kr.title)
            )

    def _retranslate_position(self) -> None:
        if not self.texts:
            self.position.setText(self.tr("Nothing to present"))
            return
        said = (
            self.tr("Slide %1 of %2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(len(self.texts)))
        )
        pages = self.pages()
        if pages > 1:
            said += " · " + self.tr("page %1 of %2").replace("%1", str(self.page + 1)).replace(
                "%2", str(pages)
            )
        self.position.setText(said)
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
