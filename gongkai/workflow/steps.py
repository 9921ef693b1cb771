"""Workflow steps, declared once.

Every record that moves through states (an item, an application, a report, a hotline ticket)
has a `Workflow`, declared in its app's service layer. Each step of it is declared once, next to
the function that does it:

    ITEM = Workflow("publishing.item", Item)

    @ITEM.step(
        "approve", "审核通过",
        capability=Capability.REVIEW,
        states={Status.SUBMITTED},
        action=actions.ITEM_APPROVE,
        form=CommentForm,
        done="审核通过，已送领导签发。",
    )
    def approve(item, *, actor, comment=""):
        with transaction.atomic():
            item = ITEM.lock("approve", item)     # re-reads the row and re-checks the state
            ...
            audit.record(actions.ITEM_APPROVE, item, actor=actor, ...)

The declaration is the only place that says who may take a step, in which states, with which
input, which ledger action it writes and which letter it produces. The staff pages
(`gongkai.workflow.views`), the API (`gongkai.workflow.api`), the CLI (`gongkai step`) and the
demo all go through `Workflow.run`, so none of them repeats a state or permission check, and a
new step is one declaration away from every one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from gongkai.agencies.scope import Capability, has_capability
from gongkai.audit.actions import Action
from gongkai.audit.services import record, snapshot
from gongkai.core import filescope


class StepError(Exception):
    """A step that cannot be taken: wrong state, invalid input, a rule of the law.

    `messages` are shown to the user (Chinese); `errors` maps input fields to their messages.
    """

    def __init__(self, *messages: str, errors: dict[str, list[str]] | None = None):
        self.messages = [m for m in messages if m] or (
            ["；".join(m for ms in errors.values() for m in ms)] if errors else ["无法执行此操作"]
        )
        self.errors = errors or {}
        super().__init__("；".join(self.messages))


class UnknownStep(LookupError):
    pass


@dataclass(frozen=True)
class Step:
    workflow: Workflow
    name: str
    label: str
    func: Callable[..., Any]
    # One capability, or one per state when who may act depends on where the record stands
    # (a reviewer sends back from review, a leader from sign-off).
    capability: Capability | Mapping[str, Capability]
    action: Action
    states: frozenset[str] | None = None  # None: any state the workflow does not call final
    form: type[django_forms.Form] | None = None
    schema: type | None = None  # a ninja Schema typing the input of API and CLI (then the form)
    letter: str = ""  # the letter (document kind) the step produces, if any
    when: Callable[[Any], bool] | None = None  # a condition on the record beyond its state
    done: str | Callable[[Any], str] = "已保存。"  # or a function of what the step returned
    wrong_state: str = ""  # why the step is refused in another state
    refused: str = ""  # why it is refused when `when` does not hold
    help: str = ""

    def in_state(self, obj: Any) -> bool:
        state = getattr(obj, self.workflow.state_field)
        if self.states is None:
            return state not in self.workflow.final
        return state in self.states

    def allows(self, obj: Any) -> bool:
        """Whether the record is in a state (and condition) where this step can be taken."""
        return self.in_state(obj) and (self.when is None or bool(self.when(obj)))

    def check(self, obj: Any) -> None:
        if not self.in_state(obj):
            raise StepError(self.wrong_state or f"当前状态下不能{self.label}。")
        if self.when is not None and not self.when(obj):
            raise StepError(self.refused or self.wrong_state or f"当前不能{self.label}。")

    def capability_for(self, obj: Any) -> Capability | None:
        if isinstance(self.capability, Mapping):
            return self.capability.get(getattr(obj, self.workflow.state_field))
        return self.capability

    def permitted(self, user: Any, obj: Any) -> bool:
        agency = self.workflow.agency_of(obj)
        capability = self.capability_for(obj)
        if capability is None:
            # A state the step does not name: anyone holding one of its capabilities is told
            # by check() that the state is wrong, rather than that they lack a right.
            return any(has_capability(user, c, agency) for c in self.capability.values())
        return has_capability(user, capability, agency)

    def done_message(self, result: Any) -> str:
        """What the user is told after the step: the step's own phrase (a str it returned), else
        its `done` (a text, or a function of the result)."""
        if isinstance(result, str) and result:
            return result
        return self.done(result) if callable(self.done) else self.done

    def clean(self, data: dict | None, files: Any = None) -> dict:
        """The step's validated input (through its schema or its form), or StepError."""
        data = dict(data or {})
        if self.schema is not None:
            from pydantic import ValidationError

            try:
                data = self.schema.model_validate(data).model_dump()
            except ValidationError as exc:
                from gongkai.api.errors import field_errors  # the API's Chinese messages

                raise StepError(errors=field_errors(exc.errors())) from exc
            if self.form is None:
                return data
            # The schema gives the input its types (and the API its documentation); the form,
            # shared with the page, then applies the rules, so they are written once.
            data = {k: v for k, v in data.items() if v is not None}
        if self.form is not None:
            form = self.bound_form(data, files)
            if not form.is_valid():
                raise StepError(errors={k: list(v) for k, v in form.errors.items()})
            return dict(form.cleaned_data)
        return {}

    def bound_form(self, data: Any = None, files: Any = None, **kwargs) -> django_forms.Form:
        # Several step forms share one page: element ids carry the step's name.
        return self.form(data, files, auto_id=f"id_{self.name}_%s", **kwargs)

    def describe(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "capability": (
                {k: str(v) for k, v in self.capability.items()}
                if isinstance(self.capability, Mapping)
                else str(self.capability)
            ),
            "states": sorted(self.states) if self.states is not None else None,
            "action": str(self.action),
            "letter": self.letter,
        }


@dataclass
class Change:
    """A step under way inside `Workflow.change`: the locked record, and what the ledger gets."""

    obj: Any  # the record, re-read FOR UPDATE and checked for the step
    subject: Any  # the record the ledger event is about (usually `obj`)
    before: dict | None
    extra: dict = field(default_factory=dict)  # added to the `after` snapshot

    def note(self, **extra: Any) -> None:
        """Add facts of this step (a reason, an amount) to the event's `after`."""
        self.extra.update(extra)


_workflows: dict[str, Workflow] = {}


@dataclass(eq=False)
class Workflow:
    """The steps of one kind of record. `name` is `<app>.<object>`, like audit actions."""

    name: str
    model: type[models.Model]
    label: str = ""
    state_field: str = "status"
    agency_field: str = "agency"
    final: frozenset[str] = field(default_factory=frozenset)
    # The fields the ledger snapshots before and after each step (`change`).
    audit_fields: tuple[str, ...] = ("status",)
    _steps: dict[str, Step] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.final = frozenset(self.final)
        if self.name in _workflows and _workflows[self.name].model is not self.model:
            raise ValueError(f"workflow {self.name!r} declared twice")
        _workflows[self.name] = self

    # -- declaring ---------------------------------------------------------------------------

    def step(
        self,
        name: str,
        label: str,
        *,
        capability: Capability | Mapping[str, Capability],
        action: Action,
        states: Iterable[str] | None = None,
        **options: Any,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare the decorated function as the step `name`; the function is returned as is."""

        def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
            self.declare(
                name, label, func, capability=capability, action=action, states=states, **options
            )
            return func

        return decorate

    def declare(
        self,
        name: str,
        label: str,
        func: Callable[..., Any],
        *,
        capability: Capability | Mapping[str, Capability],
        action: Action,
        states: Iterable[str] | None = None,
        **options: Any,
    ) -> Step:
        if not isinstance(action, Action):
            raise TypeError(f"step {self.name}.{name}: action must be a declared audit Action")
        if name in self._steps:
            raise ValueError(f"step {self.name}.{name} declared twice")
        if isinstance(capability, Mapping):
            capability = dict(capability)
            states = set(capability) if states is None else states
        step = Step(
            workflow=self,
            name=name,
            label=label,
            func=func,
            capability=capability,
            action=action,
            states=frozenset(states) if states is not None else None,
            **options,
        )
        self._steps[name] = step
        return step

    def remove(self, name: str) -> None:
        """Undeclare a step (tests that declare a throwaway step clean up with this)."""
        self._steps.pop(name, None)

    # -- reading -----------------------------------------------------------------------------

    @property
    def steps(self) -> list[Step]:
        return list(self._steps.values())

    def __getitem__(self, name: str) -> Step:
        try:
            return self._steps[name]
        except KeyError:
            raise UnknownStep(f"没有名为“{name}”的操作") from None

    def __contains__(self, name: str) -> bool:
        return name in self._steps

    def agency_of(self, obj: Any) -> Any:
        for part in self.agency_field.split("__"):
            obj = getattr(obj, part)
        return obj

    def queryset(self) -> models.QuerySet:
        return self.model._default_manager.select_related(self.agency_field)

    def available(self, obj: Any, user: Any) -> list[Step]:
        """The steps this user can take on this record now, in declaration order."""
        return [s for s in self._steps.values() if s.allows(obj) and s.permitted(user, obj)]

    # -- doing -------------------------------------------------------------------------------

    def lock(self, name: str, obj: models.Model) -> Any:
        """Re-read the record FOR UPDATE (inside the caller's transaction) and check that the
        step is still allowed: the state check that counts, race-free."""
        locked = self.model._default_manager.select_for_update().get(pk=obj.pk)
        self[name].check(locked)
        return locked

    @contextmanager
    def change(
        self,
        name: str,
        obj: models.Model,
        *,
        actor: Any,
        subject: Callable[[Any], Any] | None = None,
        snapshot_fields: bool = True,
    ) -> Iterator[Change]:
        """The shape of every step: lock, snapshot, change, save, audit.

            with APPLICATION.change("fee-paid", app, actor=actor) as step:
                app = step.obj
                app.status = Status.OPEN
                app.save()
                step.note(amount="20")

        In one transaction: re-reads `obj` FOR UPDATE and checks the step is still allowed
        (`lock`), snapshots the workflow's `audit_fields`, runs the block (which changes and
        saves the record), then records the step's declared action with the before/after
        snapshot and the noted facts. An exception in the block rolls everything back and
        records nothing. `subject(obj)` returns (and locks, before `obj`: one lock order) the
        record the event is about when that is not `obj` itself (a hotline assignment's
        ticket). `snapshot_fields=False`: the event carries only the noted facts."""
        step = self[name]
        # files the step writes (letters, attachments) go with its rows if it fails
        with filescope.discard_on_error(), transaction.atomic():
            about = subject(obj) if subject is not None else None
            locked = self.lock(name, obj)
            about = locked if about is None else about
            fields = list(self.audit_fields)
            before = snapshot(about, fields) if snapshot_fields else None
            change = Change(obj=locked, subject=about, before=before)
            yield change
            after = snapshot(about, fields) if snapshot_fields else {}
            after.update(change.extra)
            record(step.action, about, actor=actor, before=change.before, after=after)

    def run(
        self,
        name: str,
        obj: Any,
        data: dict | None = None,
        *,
        actor: Any,
        files: Any = None,
        validated: bool = False,
    ) -> Any:
        """Take step `name` on `obj` as `actor`: permission, state, input, then the function.

        `validated=True` means `data` is already the step's cleaned input (a page that bound
        the step's form itself, to show its errors beside the fields)."""
        if actor is None:
            raise ValueError("a workflow step needs the user who takes it")
        step = self[name]
        if not step.permitted(actor, obj):
            raise PermissionDenied("您没有执行此操作的权限")
        step.check(obj)
        cleaned = dict(data or {}) if validated else step.clean(data, files)
        return step.func(obj, actor=actor, **cleaned)


def workflows() -> dict[str, Workflow]:
    """Every declared workflow by name (apps declare theirs when their services are imported)."""
    return dict(_workflows)


def get(name: str) -> Workflow:
    try:
        return _workflows[name]
    except KeyError:
        raise UnknownStep(f"没有名为“{name}”的流程") from None
