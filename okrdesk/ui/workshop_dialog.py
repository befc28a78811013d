"""New workshop: for an existing or new unit, in an existing or new cycle — one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.cycle_names import cycle_dates
from okrdesk.engine.setup_ops import levels_below
from okrdesk.engine.workshop_list import CycleEntry, UnitEntry
from okrdesk.models.enums import UnitLevel
from okrdesk.ui.pages.key_result_form import DateField
from okrdesk.ui.plain_label import PlainLabel

NEW = -1


def _quarter_after(today: date) -> tuple[str, date, date]:
    """The next calendar quarter: OKRs are set before the quarter starts."""
    quarter = (today.month - 1) // 3 + 1
    year, quarter = (today.year + 1, 1) if quarter == 4 else (today.year, quarter + 1)
    start = date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = date(year + (end_month == 12), 1, 1) if end_month == 12 else date(year, end_month + 1, 1)
    return f"{year}-Q{quarter}", start, date.fromordinal(end.toordinal() - 1)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NewWorkshopDialog(QDialog):
    """Offers the plan's cycles and units (engine.workshop_list), and a new cycle: the
    quarter after ``today`` (the session's clock says which day it is). A new cycle's dates
    follow its name ("2027-Q3", "2027年第三季度": still editable); a new unit's level is the
    one below the unit above it (or further down, chosen)."""

    def __init__(
        self,
        parent: QWidget | None,
        cycles: Sequence[CycleEntry],
        units: Sequence[UnitEntry],
        today: date,
    ) -> None:
        super().__init__(parent)
        self.units = tuple(units)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.cycle = QComboBox()
        for cycle in cycles:
            self.cycle.addItem(cycle.name, cycle.id)
        self.cycle.addItem("", NEW)
        self.cycle_name = QLineEdit()
        self.starts = DateField()  # Tab goes on in one step, not through year, month, day
        self.ends = DateField()
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        name, start, end = _quarter_after(today)
        self.cycle_name.setText(name)
        self.starts.setDate(_qdate(start))
        self.ends.setDate(_qdate(end))
        self.cycle_name.textChanged.connect(self._dates_from_name)
        self.unit = QComboBox()
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.addItem("", NEW)
        self.unit_name = QLineEdit()
        self.unit_name.setMaxLength(200)
        self.unit_parent = QComboBox()
        self.unit_parent.addItem("", None)
        for unit in units:
            if unit.level != UnitLevel.PERSON:  # nothing sits below a person
                self.unit_parent.addItem(unit.name, unit.id)
        self.unit_level = QComboBox()
        self.unit_parent.currentIndexChanged.connect(lambda _i: self._fill_levels())
        self.form = QFormLayout(self)
        self.fields = [
            self.title,
            self.cycle,
            self.cycle_name,
            self.starts,
            self.ends,
            self.unit,
            self.unit_name,
            self.unit_parent,
            self.unit_level,
        ]
        self.labels = [PlainLabel() for _ in self.fields]
        for label, widget in zip(self.labels, self.fields, strict=True):
            self.form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.cycle.currentIndexChanged.connect(lambda _i: self._update())
        self.unit.currentIndexChanged.connect(lambda _i: self._update())
        self.retranslate()
        self._update()
        self.resize(520, 0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New workshop"))
        labels = [
            self.tr("Title"),
            self.tr("Cycle"),
            self.tr("New cycle"),
            self.tr("Starts"),
            self.tr("Ends"),
            self.tr("Unit"),
            self.tr("New unit"),
            self.tr("Above it"),
            self.tr("Level"),
        ]
        for label, text, widget in zip(self.labels, labels, self.fields, strict=True):
            label.setText(text)
            widget.setAccessibleName(text)
        self.title.setPlaceholderText(self.tr("e.g. Marketing OKR workshop 2027-Q1"))
        self.cycle.setItemText(self.cycle.count() - 1, self.tr("New cycle…"))
        self.unit.setItemText(self.unit.count() - 1, self.tr("New unit…"))
        self.unit_parent.setItemText(0, self.tr("(none: this is the company)"))
        self._fill_levels()

    def level_name(self, level: UnitLevel) -> str:
        return {
            UnitLevel.COMPANY: self.tr("Company"),
            UnitLevel.DEPARTMENT: self.tr("Department"),
            UnitLevel.TEAM: self.tr("Team"),
            UnitLevel.PERSON: self.tr("Person"),
        }[level]

    def _fill_levels(self) -> None:
        """The levels a unit below the chosen parent may have; the one just below first
        (kept if still possible)."""
        parent_id = self.unit_parent.currentData()
        parent = next((u.level for u in self.units if u.id == parent_id), None)
        chosen = self.unit_level.currentData()
        levels = levels_below(parent)
        self.unit_level.clear()
        for level in levels:
            self.unit_level.addItem(self.level_name(level), level)
        if chosen in levels:
            self.unit_level.setCurrentIndex(levels.index(chosen))

    def _dates_from_name(self, name: str) -> None:
        """A name that says its period gives the cycle its dates (still editable)."""
        dates = cycle_dates(name)
        if dates is not None:
            self.starts.setDate(_qdate(dates[0]))
            self.ends.setDate(_qdate(dates[1]))

    def _update(self) -> None:
        new_cycle = self.cycle.currentData() == NEW
        new_unit = self.unit.currentData() == NEW
        for row, visible in (
            (2, new_cycle),
            (3, new_cycle),
            (4, new_cycle),
            (6, new_unit),
            (7, new_unit),
            (8, new_unit),
        ):
            self.form.setRowVisible(row, visible)

    def build_workshop(self, apply: Callable[[Any], Any]) -> None:
        """Run the operations that make the workshop (inside one batch)."""
        cycle_id = self.cycle.currentData()
        if cycle_id == NEW:
            qstart, qend = self.starts.date(), self.ends.date()
            cycle_id = apply(
                ops.CreateCycle(
                    self.cycle_name.text(),
                    date(qstart.year(), qstart.month(), qstart.day()),
                    date(qend.year(), qend.month(), qend.day()),
                )
            )
        unit_id = self.unit.currentData()
        if unit_id == NEW:
            unit_id = apply(
                ops.CreateUnit(
                    self.unit_name.text(),
                    self.unit_parent.currentData(),
                    self.unit_level.currentData(),
                )
            )
        apply(ops.CreateWorkshop(unit_id, cycle_id, self.title.text()))
