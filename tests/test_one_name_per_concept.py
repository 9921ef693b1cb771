"""One name per concept: no model or choice set shares its class name with another in gongkai/.

Two classes named `Status` (an application's, a ticket's, an item's) read the same in a diff and
in a traceback; an import of the wrong one type-checks and runs. The scan is over the source, so
it also covers modules nobody imported yet."""

import ast
from collections import defaultdict
from pathlib import Path

import gongkai

ROOT = Path(gongkai.__file__).parent
CONCEPTS = {"Channel", "Status", "Attachment", "ClockEvent"}  # issue 10: once each, ever
# Still shared, each pair in two apps that name different things; renaming models needs its own
# migration — listed so that no *new* pair can appear. Shrink this set, never grow it.
STILL_SHARED = {"Notice", "Finding", "NoticeKind"}


def _is_model_or_choices(node: ast.ClassDef) -> bool:
    names = {ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases}
    return bool(names & {"Model", "TextChoices", "IntegerChoices", "Choices"})


def _classes() -> dict[str, list[tuple[str, bool]]]:
    found: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                found[node.name].append((str(path.relative_to(ROOT)), _is_model_or_choices(node)))
    return found


def test_the_scan_sees_models_and_choices():
    classes = _classes()
    assert classes["ApplicationStatus"] == [("applications/choices.py", True)]
    assert ("applications/models.py", True) in classes["ClockEvent"]


def test_no_two_models_or_choice_sets_share_a_name():
    shared = {
        name: [where for where, counted in defs if counted]
        for name, defs in _classes().items()
        if name not in STILL_SHARED
    }
    shared = {name: where for name, where in shared.items() if len(where) > 1}
    assert shared == {}, f"同名的模型或选项类：{shared}"


def test_the_issue_10_concepts_have_one_class_each_of_any_kind():
    classes = _classes()
    twice = {name: classes[name] for name in CONCEPTS if len(classes.get(name, [])) > 1}
    assert twice == {}, f"同一名称有多个类：{twice}"


def test_the_still_shared_list_only_shrinks():
    classes = _classes()
    stale = {n for n in STILL_SHARED if sum(c for _, c in classes.get(n, [])) < 2}
    assert stale == set(), f"已不再重名，请从 STILL_SHARED 删除：{stale}"
