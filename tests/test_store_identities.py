"""Plan migration 0013: every plan, unit, workshop, objective and key result gets a UUID of
its own (existing rows too), kept through undo; the publish queue and publications exist."""

import re
import sqlite3
from pathlib import Path

from okrdesk.engine import ops
from okrdesk.models import AuditKind, KeyResult, Objective, OrgUnit, PlanInfo, Workshop
from okrdesk.models.fileformat import read_schema_revision
from okrdesk.models.planfile import PlanFile
from tests.checkin_plan import build_approved
from tests.test_checkin_migration import downgrade, tables

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IDENTIFIED = (PlanInfo, OrgUnit, Workshop, Objective, KeyResult)


def identities(path: Path) -> dict[str, dict[int, str]]:
    db = sqlite3.connect(path)
    try:
        return {
            entity.__tablename__: dict(db.execute(f"SELECT id, uuid FROM {entity.__tablename__}"))
            for entity in IDENTIFIED
        }
    finally:
        db.close()


def test_a_plan_from_0012_gets_a_distinct_uuid_for_every_identified_row(tmp_path):
    path = tmp_path / "approved.okrdesk"
    build_approved(path)
    downgrade(path, "0012")
    assert read_schema_revision(path) == "0012"
    assert not {"publication", "publish_queue"} & tables(path)
    with PlanFile.open(path) as plan:
        assert plan.backup_path is not None
    assert read_schema_revision(path) == "0013"
    found = identities(path)
    every = [uuid for rows in found.values() for uuid in rows.values()]
    assert all(rows for rows in found.values())  # the plan, its units, workshop, OKRs
    assert all(UUID4.match(uuid) for uuid in every)
    assert len(set(every)) == len(every)
    assert {"publication", "publish_queue"} <= tables(path)


def test_new_rows_get_uuids_and_undo_redo_keeps_them(room):
    editor = room.editor
    objective = room.objective("Win the north")
    with editor.reading() as session:
        made = session.get(Objective, objective).uuid
        assert UUID4.match(made) and UUID4.match(session.get(Workshop, room.workshop).uuid)
    undone = editor.revert(editor.apply(ops.RenameObjective(objective, "Win the south")))
    with editor.reading() as session:
        assert session.get(Objective, objective).uuid == made
    editor.revert(undone, kind=AuditKind.REDO)
    with editor.reading() as session:
        assert session.get(Objective, objective).uuid == made
