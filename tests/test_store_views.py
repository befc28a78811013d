"""The organisation's views from the store: the cascade board and the alignment tree of a
cycle across every published plan, drafts marked, as text and JSON."""

import json
from datetime import UTC, datetime

import pytest

from okrdesk import cli
from okrdesk.engine.cascade import CascadeState
from okrdesk.store.views import store_board, store_tree
from tests.test_org_pdf import demo_store


def clock():
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(pg_server, tmp_path_factory, signed_demo_plan):
    """The signed demo's company and departments, and a Support department's draft."""
    return demo_store(pg_server, tmp_path_factory, signed_demo_plan, "okrdesk_views")


def run(capsys, *args):
    status = cli.main([str(a) for a in args], clock=clock)
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_the_board_covers_every_published_plan_with_drafts_marked(store, capsys):
    board = json.loads(run(capsys, "store", "board", store, "--cycle", "2027-Q1", "--json"))
    rows = {row["name"]: row for row in board["units"]}
    assert rows["Northstar Software"]["state"] == "approved"
    assert rows["Sales"]["state"] == "approved" and not rows["Sales"]["draft"]
    assert rows["Support"]["draft"] and rows["Support"]["state"] == "not_started"
    assert rows["Support"]["workshop"] is not None
    text = run(capsys, "store", "board", store, "--cycle", "2027-Q1", "--lang", "zh_CN")
    assert "草稿" in text and "2027-Q1" in text


def test_the_tree_nests_supporters_and_lists_the_unaligned_draft(store, capsys):
    tree = json.loads(run(capsys, "store", "tree", store, "--cycle", "2027-Q1", "--json"))
    assert tree["cycle"] == "2027-Q1"
    roots = tree["roots"]
    assert {r["unit"] for r in roots} == {"Northstar Software"}
    assert not any(r["draft"] for r in roots)
    below = [child for r in roots for kr in r["children"] for child in kr["children"]]
    assert {"Sales", "Marketing"} <= {node["unit"] for node in below}
    (support,) = tree["unaligned"]
    assert support["unit"] == "Support" and support["draft"] and support["flagged"]
    text = run(capsys, "store", "tree", store, "--cycle", "2027-Q1", "--lang", "en")
    assert "Aligned to nothing:" in text
    assert "O Answer every ticket within a day (Support) [draft]" in text
    assert "nothing supports it yet" in text


def test_an_unknown_cycle_is_said(store, capsys):
    assert cli.main(["store", "board", store, "--cycle", "1999-Q1", "--lang", "en"]) == 2
    assert "The store has no cycle named 1999-Q1" in capsys.readouterr().err


def test_the_views_read_in_a_few_queries_whatever_the_size(store):
    from sqlalchemy import create_engine, event
    from sqlalchemy.orm import Session

    engine = create_engine(store.replace("postgresql://", "postgresql+psycopg://", 1))
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with engine.connect() as connection:
        session = Session(bind=connection)
        board = store_board(session, "2027-Q1", clock().date())
        board_queries = len(statements)
        tree = store_tree(session, "2027-Q1")
    engine.dispose()
    assert board is not None and tree is not None
    assert board.board.units[0].state is CascadeState.APPROVED
    # The board: the cycle, the units, the speaking workshops, their sign-offs; the tree:
    # the cycle, the speaking workshops, their objectives with parents and key results.
    assert board_queries <= 4 and len(statements) - board_queries <= 3
