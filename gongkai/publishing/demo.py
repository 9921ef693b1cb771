"""Demo data of this module; called by `gongkai demo` in order. Must be idempotent."""


def load(out) -> None:
    pass
