"""How apps plug in: by module name, found at start.

Each gongkai app may have these modules; the platform finds them by name and nothing else lists
them (adding an app to INSTALLED_APPS is enough):

    figures.py   contribute(agency_ids, year, format_id) -> dict   report figures (reports)
    jobs.py      functions decorated with @handler("app.kind")     background work (worker)
    commands.py  register(app: typer.Typer)                        `gongkai` commands (cli)
    api.py       router: ninja.Router                              /api/v1/ (api)
    demo.py      load(out), optional AFTER = ("label", ...)        `gongkai demo`
    checks.py    checks() -> Iterator[(status, message)]            `gongkai check`
    services.py  Workflow(...) declarations with their steps         gongkai.workflow
    todos.py     todos(user) -> Iterable[Todo]                      the workbench (/manage/)

`discover()` runs once from `CoreConfig.ready()`: it imports every such module of every gongkai
app, in INSTALLED_APPS order, and checks its contract. A module that fails to import, or lacks
the name its contract needs, stops the start with the reason (Django's own `autodiscover_modules`
does the same import, but returns nothing and checks nothing). Consumers read `found(kind)`.

This module imports no app: it walks the app registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

# kind (module name) -> the attribute the module must define (None: importing is the contract)
CONTRACTS: dict[str, str | None] = {
    "figures": "contribute",
    "jobs": None,
    "commands": "register",
    "api": "router",
    "demo": "load",
    "checks": "checks",
    "services": None,
    "todos": "todos",
}
PACKAGE = "gongkai."


@dataclass(frozen=True)
class Plugin:
    """One discovered module of one app."""

    app: AppConfig
    module: ModuleType

    @property
    def label(self) -> str:
        return self.app.label

    @property
    def path(self) -> str:
        return self.module.__name__

    def get(self, name: str):
        return getattr(self.module, name)


_found: dict[str, list[Plugin]] = {}


def gongkai_apps() -> list[AppConfig]:
    """The platform's own apps, in INSTALLED_APPS order (third-party apps are never scanned)."""
    return [config for config in apps.get_app_configs() if config.name.startswith(PACKAGE)]


def _import(config: AppConfig, kind: str) -> ModuleType | None:
    if not module_has_submodule(config.module, kind):
        return None
    path = f"{config.name}.{kind}"
    try:
        module = import_module(path)
    except Exception as exc:
        raise ImproperlyConfigured(f"{path} cannot be imported: {exc!r}") from exc
    attribute = CONTRACTS[kind]
    if attribute is not None and not hasattr(module, attribute):
        raise ImproperlyConfigured(f"{path} must define `{attribute}` (see gongkai.core.plugins)")
    return module


def discover() -> dict[str, list[Plugin]]:
    """Import and check every plugin module of every gongkai app; idempotent."""
    found: dict[str, list[Plugin]] = {}
    for kind in CONTRACTS:
        found[kind] = []
        for config in gongkai_apps():
            module = _import(config, kind)
            if module is not None:
                found[kind].append(Plugin(config, module))
    _check_demo_order(found["demo"])
    _found.clear()
    _found.update(found)
    return found


def found(kind: str) -> list[Plugin]:
    """The discovered `kind` modules, in INSTALLED_APPS order (demo: in dependency order)."""
    if kind not in CONTRACTS:
        raise KeyError(kind)
    if not _found:
        if not apps.ready:
            raise ImproperlyConfigured("plugins are discovered once Django is set up")
        discover()
    if kind == "demo":
        return demo_order(_found["demo"])
    return list(_found[kind])


def demo_order(plugins: list[Plugin]) -> list[Plugin]:
    """Demo loaders with each after the apps it names in `AFTER`; otherwise INSTALLED_APPS order."""
    pending = list(plugins)
    done: set[str] = set()
    ordered: list[Plugin] = []
    while pending:
        for plugin in pending:
            if set(getattr(plugin.module, "AFTER", ())) <= done:
                break
        else:
            names = ", ".join(plugin.path for plugin in pending)
            raise ImproperlyConfigured(f"demo modules wait on each other (AFTER): {names}")
        pending.remove(plugin)
        done.add(plugin.label)
        ordered.append(plugin)
    return ordered


def _check_demo_order(plugins: list[Plugin]) -> None:
    known = {config.label for config in gongkai_apps()}
    with_demo = {plugin.label for plugin in plugins}
    for plugin in plugins:
        after = getattr(plugin.module, "AFTER", ())
        if isinstance(after, str):
            raise ImproperlyConfigured(f"{plugin.path}.AFTER must be a tuple of app labels")
        for label in after:
            if label not in known:
                raise ImproperlyConfigured(f"{plugin.path}.AFTER names an unknown app {label!r}")
            if label not in with_demo:
                raise ImproperlyConfigured(
                    f"{plugin.path}.AFTER names {label!r}, which has no demo"
                )
    demo_order(plugins)  # a cycle fails here, at start
