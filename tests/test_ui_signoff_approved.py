"""Sign-off once approved, and titles the signer can read whole.

The form gives way to an "Approved — signer, time, signature" card with Reopen as its only
action, and every objective and key result wraps to the column instead of being cut.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from okrdesk.engine import ops
from okrdesk.engine.signoff_view import signoff_view
from okrdesk.ui.pages.signoff import ID_ROLE
from tests.test_ui_signoff import at_signoff, sign

LONG_TITLE = (
    "Win the mid-market with a product customers recommend to their peers, keep them for "
    "years, and grow every account we open into a reference the next customer can call"
)


def test_once_approved_the_form_gives_way_to_the_approval_card(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    window, workshop, _path, page = at_signoff(qtbot, tmp_path)
    page.show()
    assert page.deciding.isVisible() and page.approved.isHidden()
    page.signer.setEditText("陈志远")
    sign(qtbot, page.pad)
    page.approve_button.click()
    assert page.deciding.isHidden() and page.approved.isVisible()
    assert page.approved_title.text() == "✓ Approved"
    approval = window.session.view(signoff_view, workshop, window.session.clock()).approval
    assert approval is not None and approval.signer == "陈志远"
    when = approval.at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert page.approved_by.text() == f"陈志远 · {when}"
    pixmap = page.approved_signature.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    # Reopen is the card's one action; reopening brings the form back.
    assert page.reopen_button.parent() is page.approved and page.reopen_button.isEnabled()
    assert not page.approve_button.isVisible() and not page.return_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "A KR changed")
    page.reopen_button.click()
    assert not page.deciding.isHidden() and page.approved.isHidden()


def test_an_approval_without_a_drawing_says_so(qtbot, tmp_path):
    _window, _workshop, _path, page = at_signoff(qtbot, tmp_path)
    page.signer.setEditText("CEO")
    page.approve_button.click()
    assert page.approved_signature.text() == "(no drawn signature)"


def test_a_long_objective_wraps_to_the_column_instead_of_being_cut(qtbot, tmp_path):
    window, _workshop, _path, page = at_signoff(qtbot, tmp_path)
    window.resize(1366, 768)
    window.show()
    first = page.okrs.topLevelItem(0)
    one_line = page.okrs.visualItemRect(first).height()
    objective_id = first.data(0, ID_ROLE)
    window.session.run(ops.RenameObjective(objective_id, LONG_TITLE))
    item = page.okrs.topLevelItem(0)
    assert item.text(0) == f"O1  {LONG_TITLE}"  # whole, not cut
    page.okrs.doItemsLayout()
    width = page.okrs.header().sectionSize(0)
    assert QFontMetrics(page.okrs.font()).horizontalAdvance(item.text(0)) > 2 * width
    assert page.okrs.visualItemRect(item).height() >= 3 * (one_line - 8)  # three lines or more
    # A narrower column measures the rows again.
    page.okrs.header().resizeSection(1, page.okrs.header().sectionSize(1) + 150)
    qtbot.waitUntil(lambda: page.okrs.visualItemRect(item).height() >= 4 * (one_line - 8))
