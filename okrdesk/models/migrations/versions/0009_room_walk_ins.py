"""Walk-ins: whether a phone may join a workshop's room under a name not on its list.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Off for every existing workshop: the facilitator allows walk-ins per workshop.
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("walk_ins", sa.Boolean(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("walk_ins")
