"""Click's own words (usage, help headings, usage errors) in the language of the texts.

Each name `launchtui.cli.click_words` hooks in click is checked: a click release that
drops or renames one fails here, rather than Dutch help silently going English again.
"""

from __future__ import annotations

import gettext
import importlib
import inspect

import pytest
from click.testing import CliRunner

from launchtui.cli import click_words
from launchtui.cli.main import cli
from launchtui.text import i18n


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch):
    """English unless --lang or $LAUNCHTUI_LANG says otherwise."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LAUNCHTUI_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    yield
    i18n.set_language("en")


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), prog_name="launchtui", env=env)


@pytest.mark.parametrize(("module", "name"), click_words.HOOKS)
def test_each_hooked_name_is_one_click_still_uses(module: str, name: str):
    """Click imported gettext's function under this name and calls it: the hook is ours
    now, and the module's source still calls `name(`."""
    found = importlib.import_module(module)
    assert getattr(found, name) is click_words._OURS[name]
    source = inspect.getsource(found)
    assert f"{name}(" in source
    assert f"from gettext import {'gettext as _' if name == '_' else 'ngettext'}" in source


def test_the_hooks_follow_the_language():
    hooked = importlib.import_module("click.formatting")
    assert hooked._("Usage:") == "Usage:"
    with i18n.in_language("nl"):
        assert hooked._("Usage:") == "Gebruik:"
        assert (
            importlib.import_module("click.core").ngettext(
                "Got unexpected extra argument ({args})",
                "Got unexpected extra arguments ({args})",
                2,
            )
            == "Onverwachte extra argumenten ({args})"
        )
    assert gettext.gettext("Usage:") == "Usage:"  # the process-wide domain is left alone


def test_a_lost_hook_is_an_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(click_words, "HOOKS", (("click.core", "no_such_name"),))
    with pytest.raises(RuntimeError, match=r"click\.core\.no_such_name is gone"):
        click_words.install()


@pytest.mark.parametrize("how", ["option", "env"])
def test_dutch_help_uses_dutch_headings(how: str):
    if how == "option":
        result = invoke("--lang", "nl", "--help")
    else:
        result = invoke("--help", env={"LAUNCHTUI_LANG": "nl"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Gebruik: launchtui ")
    assert "\nOpties:\n" in result.stdout and "\nOpdrachten:\n" in result.stdout
    assert "Deze hulptekst tonen en stoppen." in result.stdout
    assert "Usage:" not in result.stdout and "Options:" not in result.stdout


def test_a_dutch_missing_argument(tmp_path):
    result = invoke("--db", str(tmp_path / "x.db"), "--lang", "nl", "tick")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Gebruik: launchtui tick [OPTIONS] KEY",
        "Probeer 'launchtui tick --help' voor hulp.",
        "",
        "Fout: Ontbrekend argument 'KEY'.",
    ]


def test_a_dutch_unknown_option_before_lang_is_read():
    result = invoke("--bogus", "--lang=nl")
    assert result.exit_code == 2
    assert "Fout: Onbekende optie '--bogus'." in result.stderr


def test_a_dutch_invalid_choice():
    result = invoke("--lang", "nl", "init", "--template", "x")
    assert result.exit_code == 2
    assert "Fout: Ongeldige waarde voor '--template': 'x' is niet een van 'solo'," in (
        result.stderr
    )


def test_english_is_unchanged(tmp_path):
    result = invoke("--db", str(tmp_path / "x.db"), "tick")
    assert result.stderr.splitlines() == [
        "Usage: launchtui tick [OPTIONS] KEY",
        "Try 'launchtui tick --help' for help.",
        "",
        "Error: Missing argument 'KEY'.",
    ]
    assert invoke("--help").stdout.startswith("Usage: launchtui ")
    assert "\nOptions:\n" in invoke("--help").stdout


def test_english_after_a_dutch_run(tmp_path):
    invoke("--lang", "nl", "--help")
    assert invoke("--help").stdout.startswith("Usage: launchtui ")
