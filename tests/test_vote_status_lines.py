"""The vote page's status line and the names not voted yet, placed by hand: where a box
layout would place them, and a new text lays the page out again only when it needs another
height (a ballot handed in then repaints two labels, not the whole window's layout)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from okrdesk.ui.pages.vote_status import StatusLines

NAMES = "Not voted yet: " + ", ".join(f"参与者 {n} Participant" for n in range(40))


def labels() -> tuple[QLabel, QLabel]:
    status, missing = QLabel("Vote (round 1) is open: 3 of 40 ballots in"), QLabel(NAMES)
    status.setObjectName("sectionTitle")
    missing.setWordWrap(True)
    return status, missing


def pages(qtbot, width: int) -> tuple[QWidget, tuple[QLabel, QLabel], QWidget, StatusLines]:
    """The same two labels in a box layout and in StatusLines, each above a widget."""
    boxed = QWidget()
    box = QVBoxLayout(boxed)
    box.setSpacing(10)
    shown = labels()
    for label in shown:
        box.addWidget(label)
    box.addWidget(QWidget(), 1)
    hand = QWidget()
    lines = StatusLines(labels(), 10)
    layout = QVBoxLayout(hand)
    layout.setSpacing(10)
    layout.addWidget(lines)
    layout.addWidget(QWidget(), 1)
    for page in (boxed, hand):
        qtbot.addWidget(page)
        page.resize(width, 600)
        page.show()
    QApplication.processEvents()
    return boxed, shown, hand, lines


def placed(page: QWidget, label_list) -> list[tuple[int, int, int, int]]:
    return [
        (*label.mapTo(page, label.rect().topLeft()).toTuple(), label.width(), label.height())
        for label in label_list
        if label.isVisible()
    ]


def test_the_lines_sit_where_a_box_layout_puts_them(qtbot):
    for width in (1100, 700, 380):
        boxed, shown, hand, lines = pages(qtbot, width)
        for names in (NAMES, NAMES[:300], NAMES[:40], ""):
            for box_label, hand_label in zip(shown, lines.labels, strict=True):
                text = names if box_label is shown[1] else box_label.text()
                box_label.setText(text)
                hand_label.setText(text)
                box_label.setVisible(bool(text))
                hand_label.setVisible(bool(text))
            QApplication.processEvents()
            QApplication.processEvents()
            assert placed(hand, lines.labels) == placed(boxed, shown), (width, len(names))
            assert lines.minimumSizeHint().height() == sum(
                label.minimumSizeHint().height() for label in shown if label.isVisible()
            ) + 10 * (len([label for label in shown if label.isVisible()]) - 1)


class LayoutRequests(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_only_a_new_height_lays_the_page_out_again(qtbot):
    _boxed, _shown, hand, lines = pages(qtbot, 700)
    status, missing = lines.labels
    requests = LayoutRequests(hand)
    status.setText("Vote (round 1) is open: 4 of 40 ballots in")
    missing.setText(NAMES.replace("参与者 0 ", "参与者 9 "))  # as long: as many lines
    QApplication.processEvents()
    assert requests.count == 0
    below = hand.layout().itemAt(1).widget()
    top = below.y()
    missing.setText(NAMES[:40])  # one line now: what follows moves up
    QApplication.processEvents()
    QApplication.processEvents()
    assert requests.count >= 1
    assert below.y() < top
    assert below.y() == lines.y() + lines.height() + 10


def test_what_follows_stays_under_the_lines_through_texts_and_widths(qtbot):
    _boxed, _shown, hand, lines = pages(qtbot, 700)
    status, missing = lines.labels
    below = hand.layout().itemAt(1).widget()
    for width in (700, 380, 1000, 520):
        hand.resize(width, 600)
        for voted in range(0, 41, 3):
            status.setText(f"Vote (round 1) is open: {voted} of 40 ballots in")
            missing.setText(NAMES[: len(NAMES) * (40 - voted) // 40])
            QApplication.processEvents()
            QApplication.processEvents()
            assert lines.height() == lines.heightForWidth(lines.width()), (width, voted)
            assert below.y() == lines.y() + lines.height() + 10, (width, voted)


def test_after_a_resize_a_text_as_high_as_before_it_still_moves_what_follows(qtbot):
    _boxed, _shown, hand, lines = pages(qtbot, 900)
    _status, missing = lines.labels
    below = hand.layout().itemAt(1).widget()
    missing.setText(NAMES[:400])
    QApplication.processEvents()
    QApplication.processEvents()
    before = lines.height()
    hand.resize(420, 600)  # narrower: the names take more lines
    QApplication.processEvents()
    assert lines.height() > before
    # A shorter list that needs, at this width, the height the lines had before the resize.
    same = next(
        NAMES[:cut]
        for cut in range(400, 0, -1)
        if _height_with(missing, NAMES[:cut], lines) == before
    )
    missing.setText(same)
    QApplication.processEvents()
    QApplication.processEvents()
    assert lines.height() == before
    assert below.y() == lines.y() + lines.height() + 10


def _height_with(missing: QLabel, text: str, lines: StatusLines) -> int:
    """The lines' height at their width if the names read ``text``."""
    probe = QLabel(text)
    probe.setWordWrap(True)
    probe.setFont(missing.font())
    return (
        lines.heightForWidth(lines.width())
        - missing.heightForWidth(lines.width())
        + probe.heightForWidth(lines.width())
    )
