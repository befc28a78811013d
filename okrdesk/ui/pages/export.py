"""Export: preview the PDF handout (or the wall summary, or the alignment tree), save it,
print it, or save the OKRs as Markdown, CSV or plan JSON."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QPageSize, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.snapshot import PlanSnapshot, plan_snapshot, workshop_snapshot
from okrdesk.errors import OkrdeskError
from okrdesk.export.exporter import export, write_atomically, write_pdf
from okrdesk.export.report import build_report
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.painted import after_paint
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession

PRINT_DPI = 300


class ExportPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.document = QComboBox()
        self.scope = QComboBox()
        self.paper = QComboBox()
        for box in (self.document, self.scope, self.paper):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        for box in (self.document, self.scope):
            # A long choice is cut in the closed box rather than widening the window past a
            # 1024-pixel screen (the open list shows it whole).
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(14)
        self.save_button = QPushButton()
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_pdf)
        self.data_button = QPushButton()
        self.data_button.clicked.connect(self.save_data)
        self.document_label, self.scope_label, self.paper_label = (
            PlainLabel(),
            PlainLabel(),
            PlainLabel(),
        )
        row = QHBoxLayout()
        for label, box in (
            (self.document_label, self.document),
            (self.scope_label, self.scope),
            (self.paper_label, self.paper),
        ):
            row.addWidget(label)
            row.addWidget(box)
        row.addStretch(1)
        # The actions on a row of their own: with both rows side by side the page would be
        # wider than a 1366-pixel laptop in English.
        actions = QHBoxLayout()
        for button in (self.save_button, self.print_button, self.data_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.pages = PlainLabel()
        self.pages.setObjectName("pageHint")
        self.layout_.addLayout(row)
        self.layout_.addLayout(actions)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.pages)
        self._buffer: QBuffer | None = None
        self._bytes = b""
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Export"))
        self.hint.setText(
            self.tr(
                "What the room takes home. Preview the handout, save it as PDF or print it; "
                "a workshop that is not approved prints as a draft."
            )
        )
        self.document_label.setText(self.tr("Document:"))
        self.scope_label.setText(self.tr("Covers:"))
        self.paper_label.setText(self.tr("Paper:"))
        for label, box in (
            (self.document_label, self.document),
            (self.scope_label, self.scope),
            (self.paper_label, self.paper),
        ):
            box.setAccessibleName(label.text().rstrip(":：").strip())
        self._fill(
            self.document,
            [
                (self.tr("Handout"), "handout"),
                (self.tr("Wall summary (one page)"), "wall"),
                (self.tr("Alignment tree of the cycle"), "alignment"),
            ],
        )
        self._fill(
            self.scope,
            [
                (self.tr("This workshop"), "workshop"),
                (self.tr("Every workshop of the cycle"), "cycle"),
            ],
        )
        self._fill(self.paper, [("A4", "a4"), ("Letter", "letter")])
        self.save_button.setText(self.tr("Save PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.data_button.setText(self.tr("Save as Markdown, CSV or JSON…"))
        self.view.setAccessibleName(self.tr("Preview of the PDF"))
        self.reload()

    def _fill(self, box: QComboBox, entries: list[tuple[str, str]]) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        for text, value in entries:
            box.addItem(text, value)
        box.setCurrentIndex(max(box.findData(chosen), 0))
        box.blockSignals(False)

    # Choices
    def choices(self) -> tuple[str, int | None, str]:
        """The document, the workshop it covers (None: the whole cycle) and the paper."""
        document = self.document.currentData() or "handout"
        whole = document == "alignment" or (
            document == "handout" and self.scope.currentData() == "cycle"
        )
        return document, None if whole else self.workshop_id, self.paper.currentData() or "a4"

    def _snapshot(self, workshop_id: int | None) -> PlanSnapshot:
        """The plan as it is now; only that workshop when one workshop is exported."""
        if workshop_id is not None:
            return self.session.view(workshop_snapshot, workshop_id, self.session.clock())
        return self.session.view(plan_snapshot, self.session.clock)

    def _cycle_id(self, snapshot: PlanSnapshot) -> int | None:
        """The cycle of the workshop on screen."""
        return next((w.cycle_id for w in snapshot.workshops if w.id == self.workshop_id), None)

    def make_pdf(self) -> bytes:
        """The PDF as chosen, built from the plan as it is now."""
        document, workshop_id, paper = self.choices()
        snapshot = self._snapshot(workshop_id)
        report = build_report(
            snapshot,
            self.session.language,
            workshop_id,
            today=self.session.clock().astimezone().date(),
            cycle_id=self._cycle_id(snapshot),
        )
        out = io.BytesIO()
        write_pdf(snapshot, report, out, document, paper)
        return out.getvalue()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and not self.session.closed:
            # The page paints first (saying the preview is on its way); the PDF is made
            # right after, so showing the page never waits for reportlab.
            self._stale = False
            self.pages.setText(self.tr("Preparing the preview…"))
            after_paint(self, self.reload)
        super().showEvent(event)

    def apply_change(self, change: Change) -> None:
        """Make the PDF again only when the change can show in it.

        A document of one workshop ignores changes about others; dots and ballots show in
        no document until the vote is revealed (which changes the round, not the dots).
        """
        _document, workshop_id, _paper = self.choices()
        if workshop_id is not None and not change.about(workshop_id):
            return
        if change.aspects <= {Aspect.DOTS, Aspect.BALLOTS}:
            return
        self.reload()

    def reload(self) -> None:
        if self.workshop_id is None or not self.isVisible():
            self._stale = self.workshop_id is not None
            return
        # The wall is one unit's page and the tree always the whole cycle: no choice there.
        self.scope.setEnabled(self.document.currentData() == "handout")
        try:
            self._bytes = self.make_pdf()
        except Exception as error:
            self._bytes = b""
            self.pdf.close()
            self.pages.setText(self.tr("The PDF could not be made: %1").replace("%1", str(error)))
            return
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self._bytes))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.pages.setText(self.tr("Pages: %1").replace("%1", str(self.pdf.pageCount())))

    def focus_default(self) -> None:
        self.save_button.setFocus()  # the next step: Space saves the handout

    # Saving and printing
    def _suggested(self, suffix: str) -> str:
        document, _workshop, _paper = self.choices()
        return str(
            self.session.plan.path.with_name(f"{self.session.plan.path.stem}-{document}{suffix}")
        )

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), self._suggested(".pdf"), self.tr("PDF (*.pdf)")
        )
        if path:
            self.write(Path(path) if Path(path).suffix else Path(path).with_suffix(".pdf"))

    def save_data(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the OKRs"),
            self._suggested(".md"),
            ";;".join(
                [
                    self.tr("Markdown (*.md)"),
                    self.tr("CSV, one row per key result (*.csv)"),
                    self.tr("Plan JSON (*.json)"),
                ]
            ),
        )
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix("." + chosen.rsplit("*.", 1)[-1].rstrip(")"))
            self.write(target)

    def write(self, target: Path) -> bool:
        """Write the export the target's extension asks for; say where, or why not."""
        document, workshop_id, paper = self.choices()
        plan = self.session.plan
        # Never onto the open plan, its own files, the backup taken on opening or a kept log.
        kept = None if plan.recovery is None else plan.recovery.kept_in / plan.path.name
        protect = (plan.path, plan.backup_path, kept)
        try:
            if target.suffix.lower() == ".pdf" and self._bytes:
                # The previewed PDF, exactly as shown, written whole or not at all.
                write_atomically(target, lambda stream: stream.write(self._bytes), protect=protect)
            else:
                snapshot = self._snapshot(workshop_id)
                export(
                    snapshot,
                    target,
                    language=self.session.language,
                    workshop_id=workshop_id,
                    paper=paper,
                    document=document,
                    today=self.session.clock().astimezone().date(),
                    cycle_id=self._cycle_id(snapshot),
                    protect=protect,
                )
        except OkrdeskError as error:
            self.session.refused.emit(error.message(self.session.language))
            return False
        except Exception as error:  # e.g. a layout failure: say so, lose nothing
            self.session.refused.emit(self.tr("Could not save: %1").replace("%1", str(error)))
            return False
        self.session.noticed.emit(self.tr("Saved to %1").replace("%1", str(target)))
        return True

    def print_pdf(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)  # sharp on paper without 1200-dpi page images
        size = QPageSize.PageSizeId.A4 if self.choices()[2] == "a4" else QPageSize.PageSizeId.Letter
        printer.setPageSize(QPageSize(size))
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page of the previewed PDF; the number of pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            self.session.refused.emit(self.tr("The printer could not be started."))
            return 0
        count = self.pdf.pageCount()
        for page in range(count):
            if page:
                printer.newPage()
            area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            points = self.pdf.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(QPointF(0, 0), self.pdf.render(page, size))
        painter.end()
        return count
