"""The plan's identity and commit chain (guards against a write-ahead log that is not its own).

Revision ID: 0005
Revises: 0004
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    stamp = op.create_table(
        "plan_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_uuid", sa.String(length=36), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("commit_token", sa.String(length=16), nullable=False),
        sa.Column("previous_token", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_stamp")),
    )
    first = {"id": 1, "plan_uuid": str(uuid.uuid4()), "generation": 0}
    op.bulk_insert(stamp, [{**first, "commit_token": uuid.uuid4().hex[:16], "previous_token": ""}])


def downgrade() -> None:
    op.drop_table("plan_stamp")
