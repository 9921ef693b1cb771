"""Frozen helpers for data migrations: each module is written once, for the migrations that
name it, and never changed afterwards (a migration must do the same thing on every install)."""
