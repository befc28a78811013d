"""The organisation store's side of a plan: a UUID for every plan, unit, workshop, objective
and key result (existing rows get new ones), what each workshop was last published as, and
the queue of publishes waiting for their store.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

IDENTIFIED = ("plan_info", "org_unit", "workshop", "objective", "key_result")
# A random (version 4) UUID written by SQLite itself: one UPDATE per table, however many rows.
NEW_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"
    " || substr(lower(hex(randomblob(2))), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)


def upgrade() -> None:
    for table in IDENTIFIED:
        op.add_column(
            table, sa.Column("uuid", sa.String(length=36), server_default="", nullable=False)
        )
        op.execute(f"UPDATE {table} SET uuid = {NEW_UUID}")
        if table != "plan_info":  # one row: nothing to look up
            op.create_index(op.f(f"ix_{table}_uuid"), table, ["uuid"], unique=True)
    op.create_table(
        "publication",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("store", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("published_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_publication_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "store", name=op.f("pk_publication")),
    )
    op.create_table(
        "publish_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store", sa.String(length=500), nullable=False),
        sa.Column("queued_at", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_tried_at", sa.String(length=40), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publish_queue")),
        sa.UniqueConstraint("store", name=op.f("uq_publish_queue_store")),
    )


def downgrade() -> None:
    op.drop_table("publish_queue")
    op.drop_table("publication")
    for table in reversed(IDENTIFIED):
        if table != "plan_info":
            op.drop_index(op.f(f"ix_{table}_uuid"), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uuid")
