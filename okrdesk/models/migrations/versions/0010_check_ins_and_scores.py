"""After sign-off: check-ins on key results and the end-of-cycle score entries.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only: an existing plan has no check-ins and no scores yet.
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.String(length=40), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("value", sa.String(length=40), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.CheckConstraint(
            "confidence IS NULL OR confidence BETWEEN 0 AND 10",
            name=op.f("ck_check_in_confidence"),
        ),
        sa.CheckConstraint(
            "percent IS NULL OR percent BETWEEN 0 AND 100", name=op.f("ck_check_in_percent")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_check_in_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
    )
    op.create_index(
        "ix_check_in_key_result_recorded", "check_in", ["key_result_id", "recorded_at", "id"]
    )
    op.create_table(
        "key_result_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.String(length=40), nullable=True),
        sa.Column("computed", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=40), nullable=False),
        sa.CheckConstraint(
            "score IS NULL OR reason IS NOT NULL", name=op.f("ck_key_result_score_reason")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_key_result_score_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_result_score")),
    )
    op.create_index(
        "ix_key_result_score_key_result_id", "key_result_score", ["key_result_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_key_result_score_key_result_id", table_name="key_result_score")
    op.drop_table("key_result_score")
    op.drop_index("ix_check_in_key_result_recorded", table_name="check_in")
    op.drop_table("check_in")
