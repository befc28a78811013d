"""The export page: a PDF preview of what will be saved or printed, and the data exports."""

import json

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from okrdesk.engine import ops
from okrdesk.models import Decision, Phase
from tests.test_ui_phases import to_signoff, window_in


def on_export_page(qtbot, tmp_path, approve=True):
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    to_signoff(window.session.run, workshop)
    if approve:
        window.session.run(ops.SignOffWorkshop(workshop, Decision.APPROVE, "CEO"))
        window.session.run(ops.ChangePhase(workshop, Phase.EXPORT))
    else:
        window.view.stack.setCurrentWidget(window.view.pages[Phase.EXPORT])
    page = window.view.pages[Phase.EXPORT]
    assert page.isVisible()
    # The page paints first; its preview is made right after.
    qtbot.waitUntil(lambda: page.pdf.pageCount() > 0)
    return window, workshop, path, page


def test_the_preview_shows_the_handout_that_is_saved(qtbot, tmp_path):
    _window, _workshop, _path, page = on_export_page(qtbot, tmp_path)
    assert page.pdf.pageCount() >= 2 and page.pages.text() == f"Pages: {page.pdf.pageCount()}"
    out = tmp_path / "handout.pdf"
    assert page.write(out)
    reader = PdfReader(out)
    assert len(reader.pages) == page.pdf.pageCount()
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Win the mid-market" in text and "DRAFT" not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_unapproved_workshop_previews_as_a_draft_and_the_document_can_change(qtbot, tmp_path):
    _window, _workshop, _path, page = on_export_page(qtbot, tmp_path, approve=False)
    assert "DRAFT" in page.pdf.getAllText(0).text()
    page.scope.setCurrentIndex(page.scope.findData("cycle"))
    page.document.setCurrentIndex(page.document.findData("wall"))
    assert page.pdf.pageCount() == 1 and not page.scope.isEnabled()
    assert page.choices()[1] is not None  # the wall is this workshop's, whatever the scope
    page.document.setCurrentIndex(page.document.findData("alignment"))
    assert not page.scope.isEnabled()
    page.paper.setCurrentIndex(page.paper.findData("letter"))
    assert round(page.pdf.pagePointSize(0).width()) == 612


def test_printing_sends_every_previewed_page(qtbot, tmp_path):
    _window, _workshop, _path, page = on_export_page(qtbot, tmp_path)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == page.pdf.pageCount()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == page.pdf.pageCount()


def test_data_exports_and_a_refused_target(qtbot, tmp_path):
    window, workshop, _path, page = on_export_page(qtbot, tmp_path)
    assert page.write(tmp_path / "okrs.json")
    assert [
        w["id"] for w in json.loads((tmp_path / "okrs.json").read_text("utf-8"))["workshops"]
    ] == [workshop]
    assert page.write(tmp_path / "okrs.csv") and page.write(tmp_path / "okrs.md")
    assert not page.write(tmp_path / "missing-folder" / "okrs.csv")
    assert "no folder" in window.view.messages.text()


def test_every_workshop_of_the_cycle_means_the_cycle_on_screen(qtbot, tmp_path):
    from datetime import date

    window, workshop, _path, page = on_export_page(qtbot, tmp_path)
    run = window.session.run
    later = run(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30))).result
    with window.session.plan.reader() as session:
        from okrdesk.models import Workshop

        unit = session.get(Workshop, workshop).unit_id
    run(ops.CreateWorkshop(unit, later, "Q2 planning"))
    window.view.show_workshop(workshop)
    window.view.stack.setCurrentWidget(page)
    page.scope.setCurrentIndex(page.scope.findData("cycle"))
    text = "".join(page.pdf.getAllText(n).text() for n in range(page.pdf.pageCount()))
    assert "Management meeting" in text and "Q2 planning" not in text
    assert page.write(tmp_path / "cycle.md")
    markdown = (tmp_path / "cycle.md").read_text("utf-8")
    assert "Management meeting" in markdown and "Q2 planning" not in markdown


def test_a_pdf_that_cannot_be_laid_out_is_reported_not_fatal(qtbot, tmp_path, monkeypatch):
    from reportlab.platypus.doctemplate import LayoutError

    from okrdesk.ui.pages import export as export_page

    _window, _workshop, _path, page = on_export_page(qtbot, tmp_path)

    def too_big(*_args, **_kwargs):
        raise LayoutError("Flowable too large")

    from okrdesk.export import exporter

    monkeypatch.setattr(export_page, "write_pdf", too_big)
    monkeypatch.setattr(exporter, "write_pdf", too_big)
    page.reload()
    assert "could not be made" in page.pages.text() and page.pdf.pageCount() == 0
    assert not page.write(tmp_path / "nothing.pdf")
    assert "Flowable too large" in _window.view.messages.text()
    assert list(tmp_path.glob("nothing*")) == []


def test_the_window_never_exports_onto_the_plan_or_a_read_only_file(qtbot, tmp_path):
    window, _workshop, path, page = on_export_page(qtbot, tmp_path)
    before = path.read_bytes()
    for name in ("plan-link.pdf", "plan-link.md"):
        (tmp_path / name).symlink_to(path)  # the plan, under an export's name
    assert not page.write(tmp_path / "plan-link.pdf")
    assert "is the plan being exported" in window.view.messages.text()
    assert not page.write(tmp_path / "plan-link.md")  # the data exports too (not the preview)
    assert "is the plan being exported" in window.view.messages.text()
    kept = tmp_path / "handout.pdf"
    kept.write_bytes(b"the printed one")
    kept.chmod(0o444)
    assert not page.write(kept)
    assert "is a read-only file" in window.view.messages.text()
    assert kept.read_bytes() == b"the printed one" and path.read_bytes() == before
    assert window.save_copy_to(tmp_path / "copy.okrdesk")
    assert not window.save_copy_to(tmp_path / "plan.okrdesk-wal")
    assert "one of the plan's own files" in window.view.messages.text()


def test_the_preview_is_made_again_only_for_changes_it_can_show(qtbot, tmp_path, monkeypatch):
    window, workshop, _path, page = on_export_page(qtbot, tmp_path, approve=False)
    made = []
    original = page.make_pdf
    monkeypatch.setattr(page, "make_pdf", lambda: made.append(1) or original())
    editor = window.session.editor
    with window.session.plan.reader() as session:
        from okrdesk.models import Workshop

        unit, cycle = (
            session.get(Workshop, workshop).unit_id,
            session.get(Workshop, workshop).cycle_id,
        )
    other = editor.apply(ops.CreateWorkshop(unit, cycle, "Another room")).result
    page.notify(editor.apply(ops.AddParticipant(other, "Eve")))  # another workshop
    assert made == []
    page.notify(editor.apply(ops.UpdateWorkshopSettings(workshop, title="Renamed meeting")))
    assert made == [1]
    text = "".join(page.pdf.getAllText(n).text() for n in range(page.pdf.pageCount()))
    assert "Renamed meeting" in text
