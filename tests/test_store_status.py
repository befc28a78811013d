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


def _objectives(editor):
    from sqlalchemy import select

    from okrdesk.models import Objective

    with editor.reading() as session:
        return list(session.scalars(select(Objective)))
