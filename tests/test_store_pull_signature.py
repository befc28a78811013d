"""A parent pulled from the store, or imported from a file, keeps its drawn signature, so the
child's handout shows the parent's sign-off as signed rather than "(not drawn)"."""

import json
import shutil

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from okrdesk import cli
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.parent_import import approved_okrs
from okrdesk.engine.sources import read_snapshot
from okrdesk.export.exporter import export
from okrdesk.models import SignOff, Workshop
from okrdesk.models.planfile import PlanFile
from okrdesk.store.connect import StoreAddress
from okrdesk.store.pull import pull
from tests.pg_cluster import fresh_database
from tests.test_store_publish import clock, department_plan, publish, sql


@pytest.fixture
def store(pg_server):
    url = fresh_database(pg_server, "okrdesk_pull_signature")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    return url


def copy_signature(plan) -> str | None:
    with PlanFile.open(plan, read_only=True) as opened, opened.reader() as session:
        copy = session.scalars(select(Workshop).where(Workshop.imported_from.is_not(None))).one()
        signed = select(SignOff.signature).where(SignOff.workshop_id == copy.id)
        return session.scalars(signed).one()


def handout_text(plan, out, language) -> str:
    with PlanFile.open(plan, read_only=True):
        snapshot = read_snapshot(plan)
    copy = next(w for w in snapshot.workshops if w.imported_from is not None)
    export(snapshot, out, language=language, workshop_id=copy.id)
    return "\n".join(page.extract_text() for page in PdfReader(out).pages)


def test_a_parent_pulled_from_the_store_keeps_its_drawn_signature(
    store, signed_demo_plan, tmp_path
):
    company = tmp_path / "company.okrdesk"
    shutil.copyfile(signed_demo_plan, company)
    publish(company, store)
    ((stored,),) = sql(
        store,
        "SELECT s.signature FROM sign_offs s JOIN workshops w ON w.uuid = s.workshop_uuid"
        " WHERE w.title = 'Management meeting 2027-Q1' AND s.decision = 'approve'",
    )
    assert json.loads(stored)["strokes"]  # the demo's CEO drew one
    support = department_plan(tmp_path / "support.okrdesk")
    with PlanFile.open(support) as opened:
        assert pull(PlanEditor(opened, clock), StoreAddress.parse(store)).parents == 1
    assert json.loads(copy_signature(support)) == json.loads(stored)
    for language, unsigned in (("en", "(not drawn)"), ("zh_CN", "（未手写签名）")):
        text = handout_text(support, tmp_path / f"handout-{language}.pdf", language)
        assert "Management meeting 2027-Q1" in text and unsigned not in text
    # Signed again without a drawing upstream: pulling again takes the signature away.
    sql(store, "UPDATE sign_offs SET signature = NULL")
    with PlanFile.open(support) as opened:
        pull(PlanEditor(opened, clock), StoreAddress.parse(store))
    assert copy_signature(support) is None
    assert "(not drawn)" in handout_text(support, tmp_path / "unsigned.pdf", "en")


def test_a_malformed_signature_in_the_store_leaves_the_copy_unsigned_not_the_pull_refused(
    store, signed_demo_plan, tmp_path
):
    company = tmp_path / "company.okrdesk"
    shutil.copyfile(signed_demo_plan, company)
    publish(company, store)
    sql(store, 'UPDATE sign_offs SET signature = \'{"width": 0, "strokes": 7}\'')
    support = department_plan(tmp_path / "support.okrdesk")
    with PlanFile.open(support) as opened:
        assert pull(PlanEditor(opened, clock), StoreAddress.parse(store)).parents == 1
    assert copy_signature(support) is None


def test_a_parent_imported_from_a_plan_file_keeps_its_drawn_signature(signed_demo_plan, tmp_path):
    (okrs,) = [
        o
        for o in approved_okrs(read_snapshot(signed_demo_plan), signed_demo_plan.name)
        if o.title == "Management meeting 2027-Q1"
    ]
    assert okrs.signature is not None
    support = department_plan(tmp_path / "support.okrdesk")
    with PlanFile.open(support) as opened:
        PlanEditor(opened, clock).apply(ops.ImportParentOkrs(okrs))
    assert json.loads(copy_signature(support)) == json.loads(okrs.signature)
    assert "(not drawn)" not in handout_text(support, tmp_path / "handout.pdf", "en")
