"""Errors every layer may raise and the entry points (CLI, pages) know how to show."""


class BadInput(Exception):
    """Input a command cannot use: `gongkai` prints it as one Chinese line and exits with 2."""
