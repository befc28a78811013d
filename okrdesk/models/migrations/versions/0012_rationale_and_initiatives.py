"""The all-hands: an objective's rationale and breakdown mark, initiatives under a key result.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every existing objective has no rationale yet and is not shown as a breakdown.
    with op.batch_alter_table("objective") as batch:
        batch.add_column(
            sa.Column("rationale", sa.String(length=2000), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("breakdown", sa.Boolean(), server_default="0", nullable=False))
    op.create_table(
        "initiative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_initiative_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative")),
    )
    op.create_index(
        "ix_initiative_key_result_position", "initiative", ["key_result_id", "position"]
    )


def downgrade() -> None:
    op.drop_index("ix_initiative_key_result_position", table_name="initiative")
    op.drop_table("initiative")
    with op.batch_alter_table("objective") as batch:
        batch.drop_column("breakdown")
        batch.drop_column("rationale")
