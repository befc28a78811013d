"""Projector text: wrapped not cut, Chinese lines balanced, fitted to a rectangle, recorded."""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter

from okrdesk.ui.projector import text_fit
from okrdesk.ui.projector.text_fit import (
    ELLIPSIS,
    draw_text,
    fit_size,
    floor_px,
    recording,
    sized,
    wrap,
)

ENGLISH = (
    "Win the mid-market with a product customers recommend to their peers, "
    "measured by net promoter score and renewal rate across every region we serve"
)
CHINESE = "以客户愿意推荐的产品赢得中型企业市场，并在每个区域把续约率和净推荐值提高到行业领先水平"


def font(pixels: int = 40) -> QFont:
    return sized(QFont(), pixels)


def test_english_breaks_at_spaces_and_keeps_every_word(qtbot):
    wrapped = wrap(ENGLISH, font(), 600)
    assert len(wrapped.lines) > 1
    assert " ".join(wrapped.lines) == ENGLISH  # nothing lost, nothing added, no "…"
    for line in wrapped.lines:
        assert not line.startswith(" ") and not line.endswith(" ")
        assert QFontMetricsF(font()).horizontalAdvance(line) <= 600
    words = set(ENGLISH.split())
    assert all(word in words for line in wrapped.lines for word in line.split())


def test_chinese_breaks_between_characters_and_never_leaves_one_alone(qtbot):
    metrics = QFontMetricsF(font())
    for width in range(200, 1400, 7):  # every width: wherever the last break falls
        wrapped = wrap(CHINESE, font(), width)
        assert "".join(wrapped.lines) == CHINESE
        assert all(metrics.horizontalAdvance(line) <= width for line in wrapped.lines)
        if len(wrapped.lines) > 1:
            assert len(wrapped.lines[-1]) >= 2, (width, wrapped.lines)
        for line in wrapped.lines:
            assert line[0] not in "，。、；：？！）》」』"  # a closing mark never starts a line


def test_a_lone_last_character_takes_one_from_the_line_before(qtbot):
    metrics = QFontMetricsF(font())
    text = "提高客户续约率和满意度"
    width = metrics.horizontalAdvance(text[:-1]) + 2  # all but the last character fits
    wrapped = wrap(text, font(), width)
    assert wrapped.lines == (text[:-2], text[-2:])


def test_a_word_wider_than_the_line_is_split_not_cut(qtbot):
    word = "Supercalifragilisticexpialidocious-and-more"
    wrapped = wrap(word, font(), 200)
    assert "".join(wrapped.lines) == word
    assert all(QFontMetricsF(font()).horizontalAdvance(line) <= 200 for line in wrapped.lines)


def test_balanced_lines_are_even(qtbot):
    greedy = wrap(ENGLISH, font(), 1200)
    balanced = wrap(ENGLISH, font(), 1200, balanced=True)
    assert len(balanced.lines) == len(greedy.lines)
    assert max(balanced.widths) - min(balanced.widths) <= max(greedy.widths) - min(greedy.widths)


def test_balanced_lines_never_split_a_word(qtbot):
    metrics = QFontMetricsF(font())
    for width in range(200, 420, 5):
        for text in ("Brainstorm  ·  63 min", "Supercalifragilistic expialidocious"):
            words = text.split()
            if max(metrics.horizontalAdvance(word) for word in words) > width - 1:
                continue  # a word wider than the line is split either way
            wrapped = wrap(text, font(), width, balanced=True)
            assert [w for line in wrapped.lines for w in line.split()] == words, (width, wrapped)


def test_wrapping_is_kept_for_the_same_text_font_and_width(qtbot):
    assert wrap(ENGLISH, font(), 700) is wrap(ENGLISH, font(), 700)


def test_fit_size_is_the_largest_size_that_fits_down_to_the_floor(qtbot):
    texts = [ENGLISH, CHINESE]
    size = fit_size(texts, font(), 900, 400, largest=80, smallest=20)
    assert size is not None and 20 <= size < 80
    assert text_fit.fits(texts, sized(QFont(), size), 900, 400)
    assert not text_fit.fits(texts, sized(QFont(), size + 1), 900, 400)
    assert fit_size(["Ship"], font(), 900, 400, largest=80, smallest=20) == 80
    # Not even at the floor: the layout must show fewer items, never smaller text.
    assert fit_size(texts * 10, font(), 900, 400, largest=80, smallest=30) is None


def test_the_floor_is_a_twenty_second_of_the_screen_height():
    assert floor_px(768) == 35
    assert floor_px(1080) == 50
    assert all(floor_px(height) >= height / 22 for height in (600, 768, 1080, 2160))


def test_a_portrait_or_narrow_screen_sizes_its_floor_by_its_width():
    assert floor_px(1080, 1920) == floor_px(1080) == 50
    assert floor_px(768, 1024) == 35  # 4:3 and 16:9 keep the height's rule
    assert floor_px(1920, 1080) == 37  # portrait: as a 4:3 screen 1080 wide, not 88 px
    assert floor_px(1024, 768) == 27
    assert floor_px(1080, 2560) == 50  # wider than 16:9: still the height


def paint(draw) -> None:
    image = QImage(1200, 800, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        draw(painter)
    finally:
        painter.end()


def test_the_recorder_sees_every_text_and_what_did_not_fit(qtbot):
    with recording() as recorder:

        def draw(painter: QPainter) -> None:
            draw_text(painter, QRectF(0, 0, 1000, 300), ENGLISH, font(30))
            draw_text(painter, QRectF(0, 300, 300, 60), CHINESE, font(30))  # far too small

        paint(draw)
    fitted, squeezed = recorder.drawn
    assert fitted.text == ENGLISH and not fitted.cut and fitted.pixels == 30
    assert " ".join(fitted.lines) == ENGLISH
    assert squeezed.cut and squeezed.needed[1] > 60
    assert squeezed.rect == (0.0, 300.0, 300.0, 60.0)
    problems = recorder.problems(floor=31)
    assert any(p.startswith("cut:") and CHINESE in p for p in problems)
    assert any(p.startswith("too small") for p in problems)
    assert not any(ELLIPSIS in line for item in recorder.drawn for line in item.lines)


def test_more_than_the_allowed_lines_is_recorded_as_cut(qtbot):
    with recording() as recorder:
        paint(lambda p: draw_text(p, QRectF(0, 0, 300, 800), ENGLISH, font(), max_lines=3))
    (item,) = recorder.drawn
    assert len(item.lines) == 3 and item.cut


def test_nothing_is_recorded_outside_a_recording(qtbot):
    with recording() as recorder:
        pass
    paint(lambda p: draw_text(p, QRectF(0, 0, 1000, 300), "Ship weekly", font()))
    assert recorder.drawn == []


def test_an_ellipsis_drawn_is_a_problem(qtbot):
    with recording() as recorder:
        paint(lambda p: draw_text(p, QRectF(0, 0, 1000, 300), "Win the mid-market…", font()))
    assert recorder.problems() == ["ellipsis: 'Win the mid-market…'"]


def test_no_break_at_a_no_break_space_nor_a_word_joiner(qtbot):
    from okrdesk.ui.projector.text_fit import NBSP, WORD_JOINER

    name = WORD_JOINER.join("王小明")
    text = f"尚未投票：陈静 · {name} · Bo{NBSP}Chen · 李娜"
    for width in range(200, 600, 7):  # the name fits a line
        lines = wrap(text, font(), width).lines
        assert any(name in line for line in lines), (width, lines)
        assert any(f"Bo{NBSP}Chen" in line for line in lines), (width, lines)


def test_pages_fill_up_and_a_shorter_first_page_holds_less():
    from okrdesk.ui.projector.text_fit import paginate

    assert paginate([10, 10, 10, 10, 10], 35, 2) == ((0, 3), (3, 5))
    assert paginate([10, 10, 10, 10, 10], 35, 2, first=22) == ((0, 2), (2, 5))
    assert paginate([30, 3], 35, 2, first=20) == ((0, 0), (0, 2))  # too tall for the first
    assert paginate([50, 10], 35, 2) == ((0, 1), (1, 2))  # taller than a page: on its own


def test_pages_come_before_smaller_text_and_the_floor_holds():
    from okrdesk.ui.projector.text_fit import lay_out_pages

    def rows(count: int):
        return lambda pixels: [pixels * 2.0] * count  # a row twice its text size high

    few = lay_out_pages(rows(3), 600, floor=30, preferred=40, largest=60, least=4, gap=0.5)
    assert few.pages == ((0, 3),) and few.pixels == 60  # one page, as large as allowed
    fits = lay_out_pages(rows(6), 600, floor=30, preferred=40, largest=60, least=4, gap=0.5)
    assert fits.pages == ((0, 6),) and 40 <= fits.pixels < 60  # grows until the page is full
    many = lay_out_pages(rows(40), 600, floor=30, preferred=40, largest=60, least=4, gap=0.5)
    assert many.pixels == 40 and len(many.pages) == 7  # pages at the preferred size
    tight = lay_out_pages(rows(40), 300, floor=30, preferred=40, largest=60, least=4, gap=0.5)
    assert tight.pixels < 40 and all(e - s >= 4 for s, e in tight.pages[:-1])  # shrinks to keep 4
    tiny = lay_out_pages(rows(40), 100, floor=30, preferred=40, largest=60, least=4, gap=0.5)
    assert tiny.pixels == 30  # never below the floor, however few a page


def _ink(image: QImage) -> tuple[int, tuple[int, int, int, int] | None]:
    """How many pixels are inked (alpha > 96) and their bounding box."""
    count, box = 0, None
    for y in range(0, image.height()):
        for x in range(0, image.width(), 2):
            if image.pixelColor(x, y).alpha() > 96:
                count += 1
                box = (
                    (x, y, x, y)
                    if box is None
                    else (min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y))
                )
    return count, box


def _drawn(pixels: int, text: str, bold: bool, qt: bool) -> QImage:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QStaticText

    image = QImage(700, 160, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    big = font(pixels)
    big.setBold(bold)
    painter = QPainter(image)
    painter.setPen(QColor("white"))
    if qt:
        painter.setFont(big)
        painter.drawStaticText(QPointF(10, 10), QStaticText(text))
    else:
        draw_text(painter, QRectF(10, 10, 680, 140), text, big, max_lines=1)
    painter.end()
    return image


def test_large_text_drawn_from_glyph_images_lands_where_qt_draws_it(qtbot):
    """From 64 px the projector draws a line from its glyphs' images (kept), not Qt's
    outline filling: the same ink in the same place, in the pen's colour."""
    text = "想法 12：Win 9%"
    ours, box = _ink(_drawn(81, text, False, qt=False))
    theirs, qt_box = _ink(_drawn(81, text, False, qt=True))
    assert box is not None and qt_box is not None
    assert all(abs(a - b) <= 3 for a, b in zip(box, qt_box, strict=True)), (box, qt_box)
    assert abs(ours - theirs) <= theirs * 0.1
    assert text_fit._line_images, "the line's image is kept for the next paint"


def test_bold_chinese_stays_bold_when_large(qtbot):
    regular, _ = _ink(_drawn(81, "销售与客户成功部", False, qt=False))
    bold, _ = _ink(_drawn(81, "销售与客户成功部", True, qt=False))
    assert bold > regular * 1.1


def test_a_large_line_with_an_emoji_is_left_to_qt_to_keep_its_colours(qtbot):
    _drawn(81, "🚀 Ship weekly", False, qt=False)
    assert not any(key[0] == "🚀 Ship weekly" for key in text_fit._line_images)
    _drawn(81, "Ship weekly", False, qt=False)
    assert any(key[0] == "Ship weekly" for key in text_fit._line_images)
