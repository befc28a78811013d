"""Setup: the workshop's title, people, voting rules, timeboxes and the parent OKRs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.setup_view import setup_view, timeboxes, workshop_settings
from okrdesk.models.enums import Phase
from okrdesk.ui.import_dialog import ImportPreviewDialog, choose_and_preview_import, preview_import
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession
from okrdesk.ui.undo_keys import pass_undo_when_empty
from okrdesk.ui.words import phase_name

# What a phase's minutes show before the agenda gives it any.
UNPLANNED_MINUTES = 10
# What the setup of this workshop shows, and what the parent OKRs (other workshops') depend on.
_SETUP_ASPECTS = (
    Aspect.WORKSHOPS,
    Aspect.PARTICIPANTS,
    Aspect.AGENDA,
    Aspect.UNITS,
    Aspect.CYCLES,
)
_PARENT_ASPECTS = (
    Aspect.WORKSHOPS,
    Aspect.UNITS,
    Aspect.CYCLES,
    Aspect.OBJECTIVES,
    Aspect.KEY_RESULTS,
    Aspect.SIGNOFF,
)


def _shown(field: QLineEdit | QSpinBox) -> str | int:
    return field.text() if isinstance(field, QLineEdit) else field.value()


def _show(field: QLineEdit | QSpinBox, value: str | int) -> None:
    if isinstance(field, QLineEdit):
        field.setText(str(value))
    else:
        field.setValue(int(value))


class SetupPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.facilitator = QLineEdit()
        self.facilitator.setMaxLength(100)
        self.where = PlainLabel()
        self.organisation = QLineEdit()
        self.organisation.setMaxLength(200)
        self.organisation.editingFinished.connect(self._rename_organisation)
        self.anonymous = QCheckBox()
        self.budget = QSpinBox()
        self.budget.setRange(1, 20)
        self.cap = QSpinBox()
        self.cap.setRange(1, 20)
        self.seats = QSpinBox()
        self.seats.setRange(1, 20)
        for spin in (self.budget, self.cap, self.seats):
            spin.setMaximumWidth(160)
        self.title_edit.editingFinished.connect(
            lambda: self._settings(title=self.title_edit.text())
        )
        self.facilitator.editingFinished.connect(
            lambda: self._settings(facilitator=self.facilitator.text())
        )
        self.anonymous.toggled.connect(lambda on: self._settings(anonymous=on))
        self.budget.editingFinished.connect(lambda: self._settings(dot_budget=self.budget.value()))
        self.cap.editingFinished.connect(lambda: self._settings(dot_cap=self.cap.value()))
        self.seats.editingFinished.connect(
            lambda: self._settings(selection_size=self.seats.value())
        )
        self.details = QGroupBox()
        form = QFormLayout(self.details)
        self.labels = [PlainLabel() for _ in range(8)]
        for label, widget in zip(
            self.labels,
            (
                self.title_edit,
                self.organisation,
                self.where,
                self.facilitator,
                self.anonymous,
                self.budget,
                self.cap,
                self.seats,
            ),
            strict=True,
        ):
            form.addRow(label, widget)

        self.people_box = QGroupBox()
        self.person = QLineEdit()
        self.person.setMaxLength(100)
        self.person.returnPressed.connect(self.add_person)
        pass_undo_when_empty(self.person)
        self.add_person_button = QPushButton()
        self.add_person_button.clicked.connect(self.add_person)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_file)
        self.people = QListWidget()
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_person)
        self.people.addAction(self.remove_action)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_person)
        entry = QHBoxLayout()
        entry.addWidget(self.person, 1)
        entry.addWidget(self.add_person_button)
        people_buttons = QHBoxLayout()
        people_buttons.addWidget(self.remove_button)
        people_buttons.addWidget(self.import_button)
        people_buttons.addStretch(1)
        people_layout = QVBoxLayout(self.people_box)
        people_layout.addLayout(entry)
        people_layout.addWidget(self.people, 1)
        people_layout.addLayout(people_buttons)

        self.time_box = QGroupBox()
        grid = QGridLayout(self.time_box)
        self.time_labels: dict[Phase, PlainLabel] = {}
        self.minutes: dict[Phase, QSpinBox] = {}
        for row, phase in enumerate(Phase):
            label, spin = PlainLabel(), QSpinBox()
            spin.setRange(1, 24 * 60)
            spin.setSuffix(" min")
            spin.editingFinished.connect(lambda p=phase, s=spin: self._timebox(p, s.value()))
            spin.setMaximumWidth(160)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            self.time_labels[phase], self.minutes[phase] = label, spin
        grid.setRowStretch(len(Phase), 1)
        grid.setColumnStretch(2, 1)

        self.parents_box = QGroupBox()
        self.parents = QListWidget()
        QVBoxLayout(self.parents_box).addWidget(self.parents)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.details)
        left.addWidget(self.time_box)
        right = QVBoxLayout()
        right.addWidget(self.people_box, 2)
        right.addWidget(self.parents_box, 1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.layout_.addLayout(columns, 1)
        self._loading = False
        # What the plan held when each field was last read (see _load_field).
        self._loaded: dict[QLineEdit | QSpinBox, str | int] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Set up the workshop"))
        self.hint.setText(
            self.tr(
                "Who is in the room, how they vote, and how long each phase may take. "
                "Every change is saved at once."
            )
        )
        texts = [
            self.tr("Title"),
            self.tr("Organisation"),
            self.tr("Unit and cycle"),
            self.tr("Facilitator"),
            self.tr("Anonymous ideas"),
            self.tr("Dots per participant"),
            self.tr("Most dots per objective"),
            self.tr("Objectives to select"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for widget, text in zip(
            (self.title_edit, self.facilitator, self.anonymous, self.budget, self.cap, self.seats),
            texts[:1] + texts[3:],
            strict=True,
        ):
            widget.setAccessibleName(text)
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.organisation.setToolTip(
            self.tr("Whose plan this is: the heading of the handout and the projector")
        )
        self.anonymous.setText(self.tr("hide authors"))
        self.anonymous.setToolTip(self.tr("hide authors on the wall and the projector"))
        self.details.setTitle(self.tr("Workshop"))
        self.people_box.setTitle(self.tr("Participants"))
        self.person.setPlaceholderText(self.tr("Name, then Enter"))
        self.person.setAccessibleName(self.tr("New participant's name"))
        self.add_person_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_action.setText(self.tr("Remove participant"))
        self.import_button.setText(self.tr("Import CSV/XLSX…"))
        self.people.setAccessibleName(self.tr("Participants"))
        self.time_box.setTitle(self.tr("Timebox per phase"))
        for phase, label in self.time_labels.items():
            label.setText(phase_name(phase))
            self.minutes[phase].setAccessibleName(
                self.tr("Minutes for %1").replace("%1", phase_name(phase))
            )
            self.minutes[phase].setSuffix(" " + self.tr("min"))
        self.parents_box.setTitle(self.tr("Parent OKRs to align to"))
        self.parents.setAccessibleName(self.tr("Parent OKRs to align to"))

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        view = self.session.view(setup_view, self.workshop_id)
        if view is None:
            return
        self._loading = True
        settings = view.settings
        self._load_field(self.title_edit, settings.title)
        self._load_field(self.facilitator, settings.facilitator or "")
        self._load_field(self.organisation, view.organisation)
        self.where.setText(f"{view.unit} · {view.cycle}")
        self.anonymous.setChecked(settings.anonymous)
        self._load_field(self.budget, settings.dot_budget)
        self._load_field(self.cap, settings.dot_cap)
        self._load_field(self.seats, settings.selection_size)
        for phase, spin in self.minutes.items():
            planned = view.planned_minutes(phase)
            self._load_field(spin, UNPLANNED_MINUTES if planned is None else planned)
        self.people.clear()
        for person in view.participants:
            item = QListWidgetItem(person.label)  # with the department a survey gave
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.people.addItem(item)
        self._loading = False
        self._reload_parents()

    def _load_field(self, field: QLineEdit | QSpinBox, value: str | int) -> None:
        """Show what the plan holds, unless the facilitator is typing something else there.

        A field in focus keeps what is typed (it saves on leaving); one that still shows
        what the plan held at the last reading is not being typed in, so an undo of its
        value shows (and leaving the field does not save the undone value again).
        """
        typed = field.hasFocus() and _shown(field) != self._loaded.get(field, _shown(field))
        self._loaded[field] = value
        if not typed and _shown(field) != value:
            _show(field, value)

    def _reload_parents(self) -> None:
        """The parent OKRs this workshop's objectives may align to (other workshops' OKRs)."""
        if self.workshop_id is None:
            return
        from okrdesk.engine.alignment import alignment_choices
        from okrdesk.ui.dialogs import parent_okr_labels

        self.parents.clear()
        choices = parent_okr_labels(self.session.view(alignment_choices, self.workshop_id))
        for text, _value in choices:
            self.parents.addItem(text)
        if not choices:
            self.parents.addItem(self.tr("(no parent OKRs in this cycle)"))

    def apply_change(self, change: Change) -> None:
        """Re-read what the change touched: this workshop's setup, or the parent OKRs."""
        ours = change.about(self.workshop_id) and change.touches(*_SETUP_ASPECTS)
        if ours or change.touches(Aspect.PLAN):  # Aspect.PLAN: the organisation renamed
            self.reload()
        elif change.touches(*_PARENT_ASPECTS):
            self._reload_parents()

    def _settings(self, **changes: Any) -> None:
        if self._loading or self.workshop_id is None:
            return
        settings = self.session.view(workshop_settings, self.workshop_id)
        if settings is None:
            return
        current = {name: getattr(settings, name) for name in changes}
        if {k: ("" if v is None else v) for k, v in current.items()} == changes:
            return  # focus left the field without a change: nothing to save
        if self.session.run(ops.UpdateWorkshopSettings(self.workshop_id, **changes)) is None:
            self.reload()

    def _rename_organisation(self) -> None:
        if self._loading or self.workshop_id is None:
            return
        view = self.session.view(setup_view, self.workshop_id)
        if view is None or view.organisation == self.organisation.text().strip():
            return  # focus left the field without a change: nothing to save
        if self.session.run(ops.RenameOrganisation(self.organisation.text())) is None:
            self.reload()  # refused (an empty name): show the name the plan keeps

    def _timebox(self, phase: Phase, minutes: int) -> None:
        if self._loading or self.workshop_id is None:
            return
        if dict(self.session.view(timeboxes, self.workshop_id)).get(phase) == minutes:
            return
        self.session.run(ops.SetTimebox(self.workshop_id, phase, minutes))

    def add_person(self) -> None:
        if self.workshop_id is not None and self.session.run(
            ops.AddParticipant(self.workshop_id, self.person.text())
        ):
            self.person.clear()
        self.person.setFocus()

    def remove_person(self) -> None:
        item = self.people.currentItem()
        if item is not None:
            self.session.run(ops.RemoveParticipant(item.data(Qt.ItemDataRole.UserRole)))

    def import_file(self) -> None:
        if self.workshop_id is not None:
            choose_and_preview_import(self, self.session, self.workshop_id)

    def import_from(self, path: Path) -> ImportPreviewDialog | None:
        """Preview the file's rows (and its encoding) before importing them; or say why not."""
        assert self.workshop_id is not None
        return preview_import(self, self.session, self.workshop_id, path)

    def focus_default(self) -> None:
        self.person.setFocus()
