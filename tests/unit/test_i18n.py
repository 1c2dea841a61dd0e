"""Every text passed to `t` has a Dutch translation with the same {fields}."""

from __future__ import annotations

import ast
import inspect
import string
from pathlib import Path

import click
import pytest

import launchtui
from launchtui import i18n
from launchtui.cli import cli
from launchtui.locale.nl import NL

PACKAGE = Path(launchtui.__file__).parent


def _calls() -> list[tuple[str, int, str]]:
    """(file, line, text) of every literal given to t(...), n_(...) or N_(...) in the package.

    N_ ("translate later") marks a text drawn translated elsewhere: a Binding description.
    """
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id in ("t", "N_"):
                literals = node.args[:1]
            elif node.func.id == "n_":
                literals = node.args[1:3]
            else:
                continue
            for arg in literals:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((str(path.relative_to(PACKAGE)), node.lineno, arg.value))
    return found


def _english(part: object, field: str) -> str | None:
    """The English help text, also after a Dutch run translated it (cli.translate_help)."""
    return part.__dict__.get(f"_{field}_en", getattr(part, field))


def _help_texts(command: click.Command, path: str = "launchtui") -> list[tuple[str, int, str]]:
    """(command path, 0, text) of every help text of the command line, as click shows them:
    command help and short help, option help (--help and --version too); lazy groups load."""
    ctx = click.Context(command)
    options = [p for p in command.params if isinstance(p, click.Option)]
    help_option = command.get_help_option(ctx)
    found = []
    texts = [_english(command, "help"), _english(command, "short_help")]
    texts += [_english(o, "help") for o in [*options, *([help_option] if help_option else [])]]
    found += [(path, 0, inspect.cleandoc(text)) for text in texts if text is not None]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            found += _help_texts(command.get_command(ctx, name), f"{path} {name}")
    return found


CALLS = _calls() + _help_texts(cli)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_there_are_texts_to_translate():
    assert len(CALLS) > 50


def test_the_command_line_help_is_collected():
    texts = {text for file, _, text in CALLS if file.startswith("launchtui")}
    assert {"Tick a checklist item as done.", "A note to keep with the tick."} <= texts
    assert "Log a new issue in the current phase and checklist window." in texts  # lazy


def test_every_text_has_a_dutch_translation():
    missing = sorted({f"{file}:{line}: {text!r}" for file, line, text in CALLS if text not in NL})
    assert not missing, "no Dutch for:\n" + "\n".join(missing)


def test_translations_keep_the_fields():
    wrong = [key for key, value in NL.items() if _fields(key) != _fields(value)]
    assert not wrong, wrong


def test_no_stale_translations():
    used = {text for _, _, text in CALLS}
    stale = sorted(set(NL) - used)
    assert not stale, stale


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("nl", {}, "nl"),
        (None, {"LAUNCHTUI_LANG": "nl"}, "nl"),
        (None, {"LANG": "nl_NL.UTF-8"}, "nl"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "nl_SR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_comes_from_option_env_then_locale(option, env, expected):
    assert i18n.resolve(option, env) == expected


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(i18n.UnknownLanguage, match="LAUNCHTUI_LANG: unknown language 'fr'"):
        i18n.resolve(None, {"LAUNCHTUI_LANG": "fr"})


def test_switching_language_changes_texts_and_dates():
    import datetime as dt

    day = dt.date(2026, 11, 3)
    try:
        i18n.set_language("nl")
        assert (i18n.day_name(day), i18n.month_name(day)) == ("di", "nov")
    finally:
        i18n.set_language("en")
    assert (i18n.day_name(day), i18n.month_name(day)) == ("Tue", "Nov")
