"""Indexes for the screens' read paths: cards, objectives and key results in their order.

A wall reads a workshop's cards, a group its cards by position, the tree a workshop's
objectives and each objective's key results by position; a new card takes the workshop's
highest position plus one. Without these, each was a scan of the workshop's rows.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_idea_workshop_position", "idea", ["workshop_id", "position"]),
    ("ix_idea_objective_position", "idea", ["objective_id", "position"]),
    ("ix_objective_workshop_position", "objective", ["workshop_id", "position"]),
    ("ix_key_result_objective_position", "key_result", ["objective_id", "position"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
