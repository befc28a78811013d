"""Dot voting, run-offs, tie decisions, sign-off and the audit log.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshop") as batch_op:
        batch_op.add_column(
            sa.Column("dot_budget", sa.Integer(), server_default="5", nullable=False)
        )
        batch_op.add_column(sa.Column("dot_cap", sa.Integer(), server_default="3", nullable=False))
        batch_op.add_column(
            sa.Column("selection_size", sa.Integer(), server_default="3", nullable=False)
        )
        batch_op.add_column(sa.Column("locked", sa.Boolean(), server_default="0", nullable=False))
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_audit_event_workshop_id_workshop"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_event_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "sign_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "approve",
                "return",
                name="decision",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("signer", sa.String(length=100), nullable=False),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.Column("decided_at", sa.String(length=40), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_sign_off_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_off")),
    )
    with op.batch_alter_table("sign_off", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_off_workshop_id"), ["workshop_id"], unique=False)

    op.create_table(
        "vote_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "main",
                "runoff",
                name="roundkind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "closed",
                name="roundstatus",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.String(length=40), nullable=False),
        sa.Column("closed_at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_vote_round_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_round")),
        sa.UniqueConstraint("workshop_id", "number", name=op.f("uq_vote_round_workshop_id_number")),
    )
    op.create_table(
        "dot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count > 0", name=op.f("ck_dot_positive")),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_dot_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_dot_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["vote_round.id"],
            name=op.f("fk_dot_round_id_vote_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dot")),
        sa.UniqueConstraint(
            "round_id",
            "participant_id",
            "objective_id",
            name=op.f("uq_dot_round_id_participant_id_objective_id"),
        ),
    )
    with op.batch_alter_table("dot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dot_objective_id"), ["objective_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dot_participant_id"), ["participant_id"], unique=False)

    op.create_table(
        "runoff_candidate",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_runoff_candidate_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["vote_round.id"],
            name=op.f("fk_runoff_candidate_round_id_vote_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "objective_id", name=op.f("pk_runoff_candidate")),
    )
    op.create_table(
        "tie_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["vote_round.id"],
            name=op.f("fk_tie_decision_round_id_vote_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tie_decision")),
        sa.UniqueConstraint("round_id", name=op.f("uq_tie_decision_round_id")),
    )
    op.create_table(
        "tie_decision_choice",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["tie_decision.id"],
            name=op.f("fk_tie_decision_choice_decision_id_tie_decision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_tie_decision_choice_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("decision_id", "objective_id", name=op.f("pk_tie_decision_choice")),
    )


def downgrade() -> None:
    op.drop_table("tie_decision_choice")
    op.drop_table("tie_decision")
    op.drop_table("runoff_candidate")
    op.drop_table("dot")
    op.drop_table("vote_round")
    op.drop_table("sign_off")
    op.drop_table("audit_event")
    with op.batch_alter_table("workshop") as batch_op:
        for column in ("locked", "selection_size", "dot_cap", "dot_budget"):
            batch_op.drop_column(column)
