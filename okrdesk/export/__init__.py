"""Exports built from the plain plan snapshot: JSON, text summaries (PDF comes later)."""
