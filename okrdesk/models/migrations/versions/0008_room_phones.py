"""The room server: a workshop's join code, the phones that joined, what each one sent.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: no room of an existing workshop has been opened.
    op.add_column("workshop", sa.Column("room_code", sa.String(length=8), nullable=True))
    op.create_table(
        "room_phone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("claimed_id", sa.Integer(), nullable=True),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("joined_at", sa.String(length=40), nullable=False),
        sa.Column("released_at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["claimed_id"],
            ["participant.id"],
            name=op.f("fk_room_phone_claimed_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_room_phone_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_room_phone_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_phone")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_room_phone_token_sha256")),
    )
    with op.batch_alter_table("room_phone") as batch_op:
        batch_op.create_index(batch_op.f("ix_room_phone_workshop_id"), ["workshop_id"])
        batch_op.create_index(batch_op.f("ix_room_phone_participant_id"), ["participant_id"])
    op.create_table(
        "room_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["phone_id"],
            ["room_phone.id"],
            name=op.f("fk_room_request_phone_id_room_phone"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_request")),
        sa.UniqueConstraint("phone_id", "key", name=op.f("uq_room_request_phone_id_key")),
    )


def downgrade() -> None:
    op.drop_table("room_request")
    op.drop_table("room_phone")
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("room_code")
