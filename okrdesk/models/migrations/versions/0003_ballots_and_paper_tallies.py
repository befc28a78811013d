"""Confirmed ballots (the ballot booth) and dots counted from paper (tally mode).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("cast_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_ballot_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["vote_round.id"],
            name=op.f("fk_ballot_round_id_vote_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
        sa.UniqueConstraint(
            "round_id", "participant_id", name=op.f("uq_ballot_round_id_participant_id")
        ),
    )
    with op.batch_alter_table("ballot") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ballot_participant_id"), ["participant_id"], unique=False
        )
    op.create_table(
        "paper_tally",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count > 0", name=op.f("ck_paper_tally_positive")),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_paper_tally_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["vote_round.id"],
            name=op.f("fk_paper_tally_round_id_vote_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "objective_id", name=op.f("pk_paper_tally")),
    )


def downgrade() -> None:
    op.drop_table("paper_tally")
    op.drop_table("ballot")
