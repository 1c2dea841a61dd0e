"""Every key binding has an id, unique in its class: keymaps (`App.set_keymap`) can name it."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import launchtui

PACKAGE = Path(launchtui.__file__).parent


def _bindings() -> list[tuple[str, str, str | None]]:
    """(file, class, id) of every `Binding(...)` written in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                    ident = next((k.value for k in node.keywords if k.arg == "id"), None)
                    value = ident.value if isinstance(ident, ast.Constant) else None
                    found.append((path.name, cls.name, value))
    return found


def test_there_are_bindings_to_check():
    assert len(_bindings()) > 50


def test_every_binding_has_an_id():
    missing = [f"{file} {cls}" for file, cls, ident in _bindings() if not ident]
    assert not missing, missing


def test_ids_are_unique_within_a_class():
    counts = Counter((file, cls, ident) for file, cls, ident in _bindings())
    assert [key for key, n in counts.items() if n > 1] == []
