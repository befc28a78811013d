"""Per-objective sign-off notes, and workshops imported from another plan.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_off_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sign_off_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("objective_title", sa.String(length=200), nullable=False),
        sa.Column("comment", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_sign_off_note_objective_id_objective"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sign_off_id"],
            ["sign_off.id"],
            name=op.f("fk_sign_off_note_sign_off_id_sign_off"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_off_note")),
    )
    with op.batch_alter_table("sign_off_note") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_off_note_sign_off_id"), ["sign_off_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sign_off_note_objective_id"), ["objective_id"], unique=False
        )
    with op.batch_alter_table("workshop") as batch_op:
        batch_op.add_column(sa.Column("imported_from", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshop") as batch_op:
        batch_op.drop_column("imported_from")
    op.drop_table("sign_off_note")
