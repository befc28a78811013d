"""The end of a cycle: the retrospective, objectives marked to carry, cards carried over.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _question() -> sa.Enum:
    return sa.Enum(
        "why_missed",
        "improve",
        "resources",
        "stop",
        name="retroquestion",
        native_enum=False,
        create_constraint=True,
        length=20,
    )


def _workshop_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workshop_id"],
        ["workshop.id"],
        name=op.f(f"fk_{table}_workshop_id_workshop"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    # No objective of an existing plan is marked to carry; the new tables start empty.
    with op.batch_alter_table("objective") as batch:
        batch.add_column(sa.Column("carry", sa.Boolean(), server_default="0", nullable=False))
    op.create_table(
        "retrospective",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("current_question", _question(), nullable=False),
        sa.Column("started_at", sa.String(length=40), nullable=False),
        _workshop_key("retrospective"),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_retrospective")),
    )
    op.create_table(
        "retro_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("question", _question(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _workshop_key("retro_group"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retro_group")),
    )
    op.create_index("ix_retro_group_workshop_question", "retro_group", ["workshop_id", "question"])
    op.create_table(
        "retro_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("question", _question(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        _workshop_key("retro_answer"),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["participant.id"],
            name=op.f("fk_retro_answer_author_id_participant"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_retro_answer_objective_id_objective"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["retro_group.id"],
            name=op.f("fk_retro_answer_group_id_retro_group"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retro_answer")),
    )
    op.create_index(
        "ix_retro_answer_workshop_question",
        "retro_answer",
        ["workshop_id", "question", "position"],
    )
    for column in ("author_id", "objective_id", "group_id"):
        op.create_index(op.f(f"ix_retro_answer_{column}"), "retro_answer", [column])
    op.create_table(
        "carried_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "objective",
                "lesson",
                name="carriedkind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("source_objective_id", sa.Integer(), nullable=True),
        sa.Column("source_answer_id", sa.Integer(), nullable=True),
        sa.Column("carried_at", sa.String(length=40), nullable=False),
        _workshop_key("carried_card"),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["idea.id"], name=op.f("fk_carried_card_idea_id_idea"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["source_objective_id"],
            ["objective.id"],
            name=op.f("fk_carried_card_source_objective_id_objective"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_answer_id"],
            ["retro_answer.id"],
            name=op.f("fk_carried_card_source_answer_id_retro_answer"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carried_card")),
        sa.UniqueConstraint(
            "workshop_id",
            "source_objective_id",
            name=op.f("uq_carried_card_workshop_id_source_objective_id"),
        ),
        sa.UniqueConstraint(
            "workshop_id",
            "source_answer_id",
            name=op.f("uq_carried_card_workshop_id_source_answer_id"),
        ),
    )
    for column in ("idea_id", "source_objective_id", "source_answer_id"):
        op.create_index(op.f(f"ix_carried_card_{column}"), "carried_card", [column])


def downgrade() -> None:
    op.drop_table("carried_card")
    op.drop_table("retro_answer")
    op.drop_table("retro_group")
    op.drop_table("retrospective")
    with op.batch_alter_table("objective") as batch:
        batch.drop_column("carry")
