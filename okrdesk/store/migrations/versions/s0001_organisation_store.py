"""The organisation store: plans, units, cycles, owners and hand-overs, published workshops
with their OKRs, alignment, sign-offs, check-ins and scores.

Revision ID: s0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycles")),
        sa.UniqueConstraint("name", name=op.f("uq_cycles_name")),
    )
    op.create_table(
        "plans",
        sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("first_published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_plans")),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=2000), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "company",
                "department",
                "team",
                "person",
                name="unitlevel",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["units.id"], name=op.f("fk_units_parent_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("path", name=op.f("uq_units_path")),
    )
    op.create_index(op.f("ix_units_parent_id"), "units", ["parent_id"], unique=False)
    op.create_table(
        "hand_overs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("from_plan", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("to_plan", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("handed_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycles.id"],
            name=op.f("fk_hand_overs_cycle_id_cycles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_hand_overs_unit_id_units"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hand_overs")),
    )
    op.create_index(op.f("ix_hand_overs_unit_id"), "hand_overs", ["unit_id"], unique=False)
    op.create_table(
        "unit_cycle_owners",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("plan_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycles.id"],
            name=op.f("fk_unit_cycle_owners_cycle_id_cycles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_uuid"], ["plans.uuid"], name=op.f("fk_unit_cycle_owners_plan_uuid_plans")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_unit_cycle_owners_unit_id_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_id", "cycle_id", name=op.f("pk_unit_cycle_owners")),
    )
    op.create_index(
        op.f("ix_unit_cycle_owners_plan_uuid"), "unit_cycle_owners", ["plan_uuid"], unique=False
    )
    op.create_table(
        "workshops",
        sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("plan_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "phase",
            sa.Enum(
                "setup",
                "brainstorm",
                "group",
                "vote",
                "select",
                "signoff",
                "export",
                name="phase",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.Column("facilitator", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycles.id"],
            name=op.f("fk_workshops_cycle_id_cycles"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["plan_uuid"], ["plans.uuid"], name=op.f("fk_workshops_plan_uuid_plans")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_workshops_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_workshops")),
    )
    op.create_index("ix_workshops_cycle_unit", "workshops", ["cycle_id", "unit_id"], unique=False)
    op.create_index(op.f("ix_workshops_plan_uuid"), "workshops", ["plan_uuid"], unique=False)
    op.create_table(
        "objectives",
        sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("workshop_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("selected", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_uuid"],
            ["workshops.uuid"],
            name=op.f("fk_objectives_workshop_uuid_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_objectives")),
    )
    op.create_index(
        op.f("ix_objectives_workshop_uuid"), "objectives", ["workshop_uuid"], unique=False
    )
    op.create_table(
        "sign_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_uuid", sa.Uuid(as_uuid=False), nullable=False),
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
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_uuid"],
            ["workshops.uuid"],
            name=op.f("fk_sign_offs_workshop_uuid_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_offs")),
    )
    op.create_index(
        op.f("ix_sign_offs_workshop_uuid"), "sign_offs", ["workshop_uuid"], unique=False
    )
    op.create_table(
        "alignments",
        sa.Column("objective_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("parent_objective_uuid", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("parent_key_result_uuid", sa.Uuid(as_uuid=False), nullable=True),
        sa.CheckConstraint(
            "(parent_objective_uuid IS NULL) <> (parent_key_result_uuid IS NULL)",
            name=op.f("ck_alignments_one_parent"),
        ),
        sa.ForeignKeyConstraint(
            ["objective_uuid"],
            ["objectives.uuid"],
            name=op.f("fk_alignments_objective_uuid_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("objective_uuid", name=op.f("pk_alignments")),
    )
    op.create_index(
        op.f("ix_alignments_parent_key_result_uuid"),
        "alignments",
        ["parent_key_result_uuid"],
        unique=False,
    )
    op.create_index(
        op.f("ix_alignments_parent_objective_uuid"),
        "alignments",
        ["parent_objective_uuid"],
        unique=False,
    )
    op.create_table(
        "key_results",
        sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("objective_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "metric",
                "milestone",
                name="keyresultkind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("start_value", sa.Numeric(), nullable=True),
        sa.Column("target_value", sa.Numeric(), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(length=100), nullable=True),
        sa.Column(
            "commitment",
            sa.Enum(
                "committed",
                "aspirational",
                name="commitment",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_uuid"],
            ["objectives.uuid"],
            name=op.f("fk_key_results_objective_uuid_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_key_results")),
    )
    op.create_index(
        op.f("ix_key_results_objective_uuid"), "key_results", ["objective_uuid"], unique=False
    )
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("value", sa.Numeric(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["key_result_uuid"],
            ["key_results.uuid"],
            name=op.f("fk_check_ins_key_result_uuid_key_results"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
        sa.UniqueConstraint(
            "key_result_uuid", "recorded_at", name=op.f("uq_check_ins_key_result_uuid_recorded_at")
        ),
    )
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("score", sa.Numeric(), nullable=True),
        sa.Column("computed", sa.Numeric(), nullable=True),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_uuid"],
            ["key_results.uuid"],
            name=op.f("fk_scores_key_result_uuid_key_results"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scores")),
        sa.UniqueConstraint(
            "key_result_uuid", "decided_at", name=op.f("uq_scores_key_result_uuid_decided_at")
        ),
    )


def downgrade() -> None:
    op.drop_table("scores")
    op.drop_table("check_ins")
    op.drop_index(op.f("ix_key_results_objective_uuid"), table_name="key_results")
    op.drop_table("key_results")
    op.drop_index(op.f("ix_alignments_parent_objective_uuid"), table_name="alignments")
    op.drop_index(op.f("ix_alignments_parent_key_result_uuid"), table_name="alignments")
    op.drop_table("alignments")
    op.drop_index(op.f("ix_sign_offs_workshop_uuid"), table_name="sign_offs")
    op.drop_table("sign_offs")
    op.drop_index(op.f("ix_objectives_workshop_uuid"), table_name="objectives")
    op.drop_table("objectives")
    op.drop_index(op.f("ix_workshops_plan_uuid"), table_name="workshops")
    op.drop_index("ix_workshops_cycle_unit", table_name="workshops")
    op.drop_table("workshops")
    op.drop_index(op.f("ix_unit_cycle_owners_plan_uuid"), table_name="unit_cycle_owners")
    op.drop_table("unit_cycle_owners")
    op.drop_index(op.f("ix_hand_overs_unit_id"), table_name="hand_overs")
    op.drop_table("hand_overs")
    op.drop_index(op.f("ix_units_parent_id"), table_name="units")
    op.drop_table("units")
    op.drop_table("plans")
    op.drop_table("cycles")
