"""The plan's publishing status (okrdesk.store.status): published, out of date by digest,
never published; queued publishes with their attempts and last error. No server needed."""

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import PlanEditor
from okrdesk.models.planfile import PlanFile
from okrdesk.store.outbox import plan_outbox
from okrdesk.store.plan_ops import QueuePublish, RecordPublication
from okrdesk.store.status import NOTHING, PublishState, publish_status
from tests.conftest import StepClock
from tests.test_store_publish import department_plan

STORE = "postgresql://okr@db.example/okrdesk"


def test_status_follows_the_publication_and_the_plans_content(tmp_path):
    path = department_plan(tmp_path / "support.okrdesk")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, StepClock())
        assert editor.view(publish_status) is NOTHING  # never published: no digest read
        outbox = editor.view(plan_outbox, STORE, path.name)
        (workshop,) = outbox.workshops
        editor.apply(QueuePublish(STORE, "Connection refused"), actor=Actor.STORE)
        editor.apply(QueuePublish(STORE, "timeout expired"), actor=Actor.STORE)
        status = editor.view(publish_status)
        (queued,) = status.queued
        assert (queued.store, queued.attempts, queued.last_error) == (STORE, 2, "timeout expired")
        assert status.count(PublishState.NOT_PUBLISHED) == 1 and status.ever_published
        editor.apply(RecordPublication(STORE, ((workshop.id, 3, workshop.digest),)), Actor.STORE)
        status = editor.view(publish_status)
        (shown,) = status.workshops
        assert status.queued == () and shown.state == PublishState.PUBLISHED
        assert (shown.title, shown.unit, shown.cycle, shown.draft) == (
            "Support OKRs",
            "Northstar Software / Support",
            "2027-Q1",
            True,
        )
        assert [(c.store, c.version, c.current) for c in shown.copies] == [(STORE, 3, True)]
        (objective,) = [o.id for o in _objectives(editor)]
        editor.apply(ops.RenameObjective(objective, "Answer every ticket within 4 hours"))
        assert editor.view(publish_status).workshops[0].state == PublishState.OUT_OF_DATE
        editor.apply(ops.RenameObjective(objective, "Answer every ticket within a day"))
        assert editor.view(publish_status).workshops[0].state == PublishState.PUBLISHED
        assert editor.view(publish_status).stores == (STORE,)


def _objectives(editor, unlocked=False):
    from sqlalchemy import select

    from okrdesk.models import Objective, Workshop

    query = select(Objective).join(Workshop, Workshop.id == Objective.workshop_id)
    if unlocked:
        query = query.where(Workshop.locked.is_(False), Workshop.imported_from.is_(None))
    with editor.reading() as session:
        return list(session.scalars(query.order_by(Objective.id)))


def test_reading_again_only_the_changed_workshops_gives_what_a_full_read_gives(tmp_path):
    path = department_plan(tmp_path / "two.okrdesk")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, StepClock())
        ((unit, cycle),) = _workshop_places(editor)
        other = editor.apply(ops.CreateWorkshop(unit, cycle, "Support, second round")).result
        editor.apply(ops.CreateObjective(other, "Know every customer by name"))
        outbox = editor.view(plan_outbox, STORE, path.name)
        versions = tuple((w.id, 1, w.digest) for w in outbox.workshops)
        editor.apply(RecordPublication(STORE, versions), Actor.STORE)
        before = editor.view(publish_status)
        assert before.count(PublishState.PUBLISHED) == len(outbox.workshops) == 2
        objective = _objectives(editor)[0]
        change = editor.apply(ops.RenameObjective(objective.id, "Reach every customer"))
        assert change.workshops == {objective.workshop_id}
        again = editor.view(publish_status, before, change.workshops)
        assert again == editor.view(publish_status)
        assert again.count(PublishState.OUT_OF_DATE) == 1
        # Nothing changed: nothing is digested, the publication rows still read.
        editor.apply(RecordPublication(STORE, versions[:1]), Actor.STORE)
        assert editor.view(publish_status, again, set()) == editor.view(publish_status)


def _workshop_places(editor):
    from sqlalchemy import select

    from okrdesk.models import Workshop

    with editor.reading() as session:
        return session.execute(select(Workshop.unit_id, Workshop.cycle_id)).all()


def test_the_digest_is_the_one_dataclasses_asdict_gave(signed_demo_plan):
    """Digests kept in plans before the faster conversion must still match."""
    import hashlib
    import json
    from dataclasses import asdict

    with PlanFile.open(signed_demo_plan, read_only=True) as plan:
        outbox = PlanEditor(plan).view(plan_outbox, STORE, "demo")
    for workshop in outbox.workshops:
        content = asdict(workshop)
        content.pop("id"), content.pop("digest")
        text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == workshop.digest


def test_a_publication_recorded_again_unchanged_is_left_as_it_was(tmp_path):
    """RecordPublication writes a workshop's row only when its store version or digest
    changed (a re-publish of other workshops leaves it, and its time, as it was), and it
    ends the store's queued publish."""
    from sqlalchemy import select

    from okrdesk.models import Publication

    path = department_plan(tmp_path / "support.okrdesk")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, StepClock())
        (workshop,) = editor.view(plan_outbox, STORE, path.name).workshops

        def kept():
            with editor.reading() as session:
                return session.execute(
                    select(Publication.version, Publication.digest, Publication.published_at)
                ).all()

        editor.apply(QueuePublish(STORE, "Connection refused"), actor=Actor.STORE)
        editor.apply(RecordPublication(STORE, ((workshop.id, 1, "a" * 64),)), Actor.STORE)
        ((version, digest, first),) = kept()
        assert (version, digest) == (1, "a" * 64) and editor.view(publish_status).queued == ()
        editor.apply(RecordPublication(STORE, ((workshop.id, 1, "a" * 64),)), Actor.STORE)
        assert kept() == [(1, "a" * 64, first)]
        editor.apply(RecordPublication(STORE, ((workshop.id, 2, "b" * 64),)), Actor.STORE)
        ((version, digest, later),) = kept()
        assert (version, digest) == (2, "b" * 64) and later > first
