"""The store's own Alembic migration line (its revisions are named s0001, s0002...)."""
