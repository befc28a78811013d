"""The projector's board page shared by the cascade board and the organisation's views."""

from okrdesk.ui.projector_slot import ProjectorSlot


def slot_with_screen():
    screen = []
    return ProjectorSlot(screen.append), screen


def test_the_last_opened_shows_and_closing_it_gives_the_page_back_to_the_one_before():
    slot, screen = slot_with_screen()
    cascade, org_board = slot.project_for("cascade"), slot.project_for("org-board")
    cascade("plan's board")
    org_board("organisation's board")
    assert screen[-1] == "organisation's board"
    org_board(None)  # the organisation's board closed: the plan's board again
    assert screen[-1] == "plan's board"
    cascade(None)  # the last one closed: the workshop's page
    assert screen[-1] is None


def test_a_refresh_in_the_background_keeps_its_place():
    slot, screen = slot_with_screen()
    cascade, tree = slot.project_for("cascade"), slot.project_for("org-tree")
    cascade("board, day 1")
    tree("tree")
    cascade("board, day 2")  # the cascade board refreshed at midnight, the tree still open
    assert screen[-1] == "tree"
    tree(None)
    assert screen[-1] == "board, day 2"


def test_one_closed_first_leaves_the_one_on_screen_there():
    slot, screen = slot_with_screen()
    cascade, tree = slot.project_for("cascade"), slot.project_for("org-tree")
    cascade("board")
    tree("tree")
    cascade(None)
    assert screen[-1] == "tree"
    cascade("board again")  # opened again: now the last opened
    assert screen[-1] == "board again"


def test_the_window_brought_to_the_front_takes_the_page():
    slot, screen = slot_with_screen()
    cascade, tree = slot.project_for("cascade"), slot.project_for("org-tree")
    cascade("board 2027-Q1")
    tree("tree")
    cascade("board 2027-Q2")  # another cycle chosen in the board, behind the tree: kept back
    assert screen[-1] == "tree"
    slot.front("cascade")  # the facilitator clicks into the board's window
    assert screen[-1] == "board 2027-Q2"
    tree(None)
    assert screen[-1] == "board 2027-Q2"
    slot.front("org-tree")  # not showing: nothing changes
    assert screen[-1] == "board 2027-Q2"
