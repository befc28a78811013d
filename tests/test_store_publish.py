"""Publishing to the organisation store and pulling from it, against a real PostgreSQL.

One store database for the module; a signed demo plan written once and copied per test; a
small department plan built with operations where a draft is wanted.
"""

import shutil
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from okrdesk import cli
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import CheckIn, KeyResult, Objective, PlanInfo, PublishQueue, Workshop
from okrdesk.models.planfile import PlanFile
from okrdesk.store.connect import StoreAddress
from okrdesk.store.deliver import deliver
from okrdesk.store.errors import OwnedElsewhereError, StoreConflictError
from okrdesk.store.pull import pull
from tests.conftest import StepClock
from tests.pg_cluster import fresh_database

NEW_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"
    " || substr(lower(hex(randomblob(2))), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)


def clock():
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(pg_server):
    url = fresh_database(pg_server, "okrdesk_publish")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    return url


@pytest.fixture
def signed_demo(signed_demo_plan):
    return signed_demo_plan


@pytest.fixture
def fresh_store(pg_server):
    url = fresh_database(pg_server, "okrdesk_publish")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    return url


def copy_of(source, target, *, new_identity=False):
    shutil.copyfile(source, target)
    if new_identity:  # another laptop's plan of the same organisation: its own UUIDs
        db = sqlite3.connect(target)
        for table in ("plan_info", "org_unit", "workshop", "objective", "key_result"):
            db.execute(f"UPDATE {table} SET uuid = {NEW_UUID}")
        db.commit()
        db.close()
    return target


def sql(url, query, *params):
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else None


def department_plan(path, unit="Support", title="Support OKRs"):
    """A department's own laptop: the company above it, one draft workshop of its own."""
    with PlanFile.create(path, "Northstar Software") as plan:
        editor = PlanEditor(plan, clock=StepClock())

        def do(operation):
            return editor.apply(operation).result

        cycle = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = do(ops.CreateUnit("Northstar Software"))
        department = do(ops.CreateUnit(unit, company))
        workshop = do(ops.CreateWorkshop(department, cycle, title))
        objective = do(ops.CreateObjective(workshop, "Answer every ticket within a day"))
        do(ops.AddKeyResult(objective, ops.KeyResultFields("First reply in 4 h", target=4)))
    return path


def publish(path, url):
    with PlanFile.open(path) as plan:
        return deliver(PlanEditor(plan, clock), StoreAddress.parse(url), path.name)


def test_publish_sends_every_own_workshop_and_again_updates_in_place(store, signed_demo, tmp_path):
    plan = copy_of(signed_demo, tmp_path / "company.okrdesk")
    first = publish(plan, store)
    assert first.published is not None and first.published.sent == 6
    rows = sql(store, "SELECT title, version, draft FROM workshops ORDER BY title")
    assert len(rows) == 6 and {(v, d) for _t, v, d in rows} == {(1, False)}
    counts = sql(
        store,
        "SELECT (SELECT count(*) FROM objectives), (SELECT count(*) FROM key_results),"
        " (SELECT count(*) FROM sign_offs), (SELECT count(*) FROM alignments)",
    )[0]
    with PlanFile.open(plan, read_only=True) as opened, opened.reader() as session:
        objectives = session.query(Objective).join(Workshop).count()
        key_results = session.query(KeyResult).count()
    assert counts[:2] == (objectives, key_results) and counts[2] >= 6 and counts[3] > 0
    # Published again unchanged: nothing sent, the versions stay.
    again = publish(plan, store)
    assert again.published.sent == 0
    assert {v for _t, v, _d in sql(store, "SELECT title, version, draft FROM workshops")} == {1}
    # A renamed objective is updated in place (same UUID), its workshop's version grows.
    with PlanFile.open(plan) as opened:
        editor = PlanEditor(opened, clock)
        with opened.reader() as session:
            objective = session.scalars(select(Objective).order_by(Objective.id)).first()
            renamed_uuid, workshop_id = objective.uuid, objective.workshop_id
            workshop_uuid = session.get(Workshop, workshop_id).uuid
        editor.apply(ops.ReopenWorkshop(workshop_id, "a typo", "Li Wei"))
        editor.apply(ops.RenameObjective(objective.id, "Renamed in the room"))
    third = publish(plan, store)
    assert third.published.sent == 1
    assert sql(store, "SELECT title FROM objectives WHERE uuid = %s", renamed_uuid) == [
        ("Renamed in the room",)
    ]
    assert sql(store, "SELECT version, draft FROM workshops WHERE uuid = %s", workshop_uuid) == [
        (2, True)  # reopened: a draft until approved again
    ]
    assert sql(store, "SELECT count(*) FROM objectives")[0][0] == counts[0]


def test_another_plan_is_refused_naming_the_owner_until_handed_over(
    fresh_store, signed_demo, tmp_path, capsys
):
    owner = copy_of(signed_demo, tmp_path / "company.okrdesk")
    other = copy_of(signed_demo, tmp_path / "other-laptop.okrdesk", new_identity=True)
    publish(owner, fresh_store)
    with pytest.raises(OwnedElsewhereError) as refused:
        publish(other, fresh_store)
    said = refused.value.message("en")
    assert "“company.okrdesk” of Northstar Software" in said and "2027-Q1" in said
    assert "hand-over" in said
    # In Chinese the unit's Latin name stands apart from the characters around it.
    assert "2027-Q1 的 Northstar Software 已由另一个计划「company.okrdesk」" in (
        refused.value.message("zh_CN")
    )
    assert sql(fresh_store, "SELECT count(*) FROM workshops")[0][0] == 6  # nothing written
    # Every unit the other plan publishes is handed over to it, and recorded.
    units = [path for (path,) in sql(fresh_store, "SELECT path FROM units ORDER BY path")]
    for path in units:
        status = cli.main(
            [
                "store",
                "hand-over",
                fresh_store,
                "--unit",
                path.replace("\x1f", "/"),
                "--cycle",
                "2027-Q1",
                "--to",
                str(other),
                "--by",
                "Li Wei",
                "--reason",
                "The sales laptop runs it now",
            ]
        )
        assert status == 0, capsys.readouterr().err
    handed = sql(fresh_store, "SELECT handed_by, reason, from_plan IS NOT NULL FROM hand_overs")
    assert len(handed) == len(units)
    assert set(handed) == {("Li Wei", "The sales laptop runs it now", True)}
    assert publish(other, fresh_store).published.sent == 6
    with pytest.raises(OwnedElsewhereError, match=r"other-laptop\.okrdesk"):
        publish(owner, fresh_store)


def test_a_copy_of_the_plan_that_published_since_is_refused_not_overwritten(
    fresh_store, signed_demo, tmp_path
):
    laptop = copy_of(signed_demo, tmp_path / "laptop.okrdesk")
    publish(laptop, fresh_store)
    copy = copy_of(laptop, tmp_path / "copy.okrdesk")  # same UUIDs, same published versions
    with PlanFile.open(laptop) as opened:
        editor = PlanEditor(opened, clock)
        editor.apply(ops.ReopenWorkshop(1, "one more key result", "Li Wei"))
    publish(laptop, fresh_store)
    with PlanFile.open(copy) as opened:
        PlanEditor(opened, clock).apply(ops.ReopenWorkshop(1, "something else", "Li Wei"))
    with pytest.raises(StoreConflictError) as refused:
        publish(copy, fresh_store)
    assert "version 2 there, 1 expected" in refused.value.message("en")


def test_drafts_are_published_as_drafts(store, tmp_path):
    plan = department_plan(tmp_path / "support.okrdesk")
    done = publish(plan, store)
    assert done.published.drafts == 1
    assert sql(store, "SELECT draft, locked FROM workshops WHERE title = 'Support OKRs'") == [
        (True, False)
    ]


def test_a_publish_while_the_store_is_down_is_queued_then_delivered(store, tmp_path, capsys):
    plan = department_plan(tmp_path / "queued.okrdesk", unit="Finance", title="Finance OKRs")
    down = make_url(store).set(port=1).render_as_string(hide_password=False)
    assert cli.main(["publish", str(plan), "--store", down, "--lang", "en"]) == 0
    assert "is queued in the plan" in capsys.readouterr().err
    # The same publish again, still down: one queue entry, tried twice.
    assert cli.main(["publish", str(plan), "--lang", "en"]) == 0
    with PlanFile.open(plan, read_only=True) as opened, opened.reader() as session:
        (entry,) = session.scalars(select(PublishQueue)).all()
        assert entry.attempts == 2 and "Connection refused" in (entry.last_error or "")
        assert entry.store == StoreAddress.parse(down).shown
    # The store is back (the queued address now answers): the queue is delivered.
    with sqlite3.connect(plan) as db:
        db.execute("UPDATE publish_queue SET store = ?", (StoreAddress.parse(store).shown,))
    assert cli.main(["publish", str(plan), "--lang", "en"]) == 0
    assert "Published to" in capsys.readouterr().out
    with PlanFile.open(plan, read_only=True) as opened, opened.reader() as session:
        assert session.scalars(select(PublishQueue)).all() == []
    assert sql(store, "SELECT count(*) FROM workshops WHERE title = 'Finance OKRs'") == [(1,)]


def test_pull_brings_the_parents_okrs_and_check_ins_entered_elsewhere(
    fresh_store, signed_demo, tmp_path
):
    company = copy_of(signed_demo, tmp_path / "company.okrdesk")
    publish(company, fresh_store)
    support = department_plan(tmp_path / "support.okrdesk")
    (kr_uuid, objective_uuid) = sql(
        fresh_store,
        "SELECT k.uuid::text, o.uuid::text FROM key_results k JOIN objectives o"
        " ON o.uuid = k.objective_uuid JOIN workshops w ON w.uuid = o.workshop_uuid"
        " WHERE w.title = 'Management meeting 2027-Q1' AND o.selected"
        " ORDER BY o.position, k.position LIMIT 1",
    )[0]
    # A check-in entered elsewhere (another laptop, a tool of IT's) on a company key result.
    sql(
        fresh_store,
        "INSERT INTO check_ins (key_result_uuid, recorded_at, recorded_by, value, confidence)"
        " VALUES (%s, '2027-01-15 10:00+00', 'Owner', 12.5, 7)",
        kr_uuid,
    )
    with PlanFile.open(support) as opened:
        editor = PlanEditor(opened, clock)
        pulled = pull(editor, StoreAddress.parse(fresh_store))
        assert (pulled.parents, pulled.check_ins) == (1, 1)
        with opened.reader() as session:
            copy = session.scalars(select(Workshop).where(Workshop.imported_from.is_not(None)))
            (copy,) = copy.all()
            assert copy.locked and copy.imported_from == StoreAddress.parse(fresh_store).shown
            parent = session.scalars(select(Objective).where(Objective.uuid == objective_uuid))
            parent_id = parent.one().id
            check_in = session.scalars(select(CheckIn)).one()
            assert (check_in.value, check_in.recorded_by) == (Decimal("12.5"), "Owner")
            own = session.scalars(select(Objective).where(Objective.workshop_id != copy.id))
            own_id = own.one().id
        editor.apply(ops.AlignObjective(own_id, parent_objective_id=parent_id))
        # Pulling again adds nothing twice.
        again = pull(editor, StoreAddress.parse(fresh_store))
        assert (again.parents, again.check_ins) == (1, 0)
    publish(support, fresh_store)
    assert sql(
        fresh_store,
        "SELECT parent_objective_uuid::text FROM alignments a JOIN objectives o"
        " ON o.uuid = a.objective_uuid WHERE o.title = 'Answer every ticket within a day'",
    ) == [(objective_uuid,)]
    # The company's plan pulls the check-in entered elsewhere on its own key result.
    with PlanFile.open(company) as opened:
        assert pull(PlanEditor(opened, clock), StoreAddress.parse(fresh_store)).check_ins == 1
        with opened.reader() as session:
            found = session.scalars(
                select(CheckIn).join(KeyResult).where(KeyResult.uuid == kr_uuid)
            ).all()
            assert [c.recorded_by for c in found] == ["Owner"]
            assert session.scalars(select(PlanInfo.uuid)).one()


def test_what_the_room_removed_is_removed_in_one_transaction_and_check_ins_stay(
    fresh_store, tmp_path
):
    """A re-publish: the objective and the key result deleted in the plan are gone from the
    store, a check-in entered elsewhere on a kept key result stays, and the whole publish is
    one transaction of a few statements (the units and cycles are known by then)."""
    from sqlalchemy import event

    from okrdesk.store.connect import store_engine

    path = department_plan(tmp_path / "support.okrdesk")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        with plan.reader() as session:
            kept = session.scalars(select(Objective)).one()
            workshop_id = kept.workshop_id
        extra_kr = editor.apply(
            ops.AddKeyResult(kept.id, ops.KeyResultFields("Backlog under 20", target=20))
        ).result
        extra = editor.apply(ops.CreateObjective(workshop_id, "Know every customer")).result
        editor.apply(ops.AddKeyResult(extra, ops.KeyResultFields("Call 50 customers", target=50)))
    publish(path, fresh_store)
    assert sql(fresh_store, "SELECT count(*) FROM objectives")[0][0] == 2
    assert sql(fresh_store, "SELECT count(*) FROM key_results")[0][0] == 3
    kept_kr = sql(fresh_store, "SELECT uuid FROM key_results WHERE title = 'First reply in 4 h'")
    sql(
        fresh_store,
        "INSERT INTO check_ins (key_result_uuid, recorded_at, value) VALUES (%s, now(), 3)",
        kept_kr[0][0],
    )
    address = StoreAddress.parse(fresh_store)
    engine = store_engine(address)
    statements, transactions = [], []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    event.listen(engine, "begin", lambda connection: transactions.append(connection))
    try:
        with PlanFile.open(path) as plan:
            editor = PlanEditor(plan, clock=StepClock())
            editor.apply(ops.DeleteKeyResult(extra_kr, confirm=True))
            editor.apply(ops.DeleteObjective(extra, confirm=True))
            done = deliver(editor, address, path.name, engine)
    finally:
        engine.dispose()
    assert done.published is not None and done.published.sent == 1
    assert sql(fresh_store, "SELECT title FROM objectives") == [
        ("Answer every ticket within a day",)
    ]
    assert sql(fresh_store, "SELECT title FROM key_results") == [("First reply in 4 h",)]
    assert sql(fresh_store, "SELECT count(*) FROM check_ins")[0][0] == 1
    assert len(transactions) == 1 and len(statements) <= 12
