"""`--lang nl --help`: command, short and option help in Dutch; English stays English.

The help texts live on click's command objects, shared by every run in the process, so a
Dutch run must leave them English for the next run (`cli.translate_help`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from launchtui.cli.main import cli
from launchtui.text import i18n

HELPS = (("--help",), ("tick", "--help"), ("issue", "add", "--help"))


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch):
    """English unless --lang says otherwise, whatever the developer's locale."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    yield
    i18n.set_language("en")


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), prog_name="launchtui")
    assert result.exit_code == 0, result.output
    return result.stdout


def fresh_english() -> list[str]:
    """The English help texts from a new interpreter: nothing translated before."""
    code = (
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from launchtui.cli.main import cli\n"
        f"helps = {json.dumps(HELPS)}\n"
        "out = [CliRunner().invoke(cli, list(a), prog_name='launchtui').stdout for a in helps]\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    return json.loads(done.stdout)


def test_the_command_list_has_dutch_short_help():
    out = run("--lang", "nl", "--help")
    assert "De uitrol van een nieuwe tool" in out
    assert "Taal van de teksten (anders $LAUNCHTUI_LANG" in out
    assert "Een checklistpunt afvinken als gedaan." in out  # tick, in the command list
    assert "Een nieuwe uitrol in de database" in out  # init
    assert "Tick a checklist item" not in out


def test_a_subcommand_help_is_dutch():
    out = run("--lang", "nl", "tick", "--help")
    assert "Een checklistpunt afvinken als gedaan." in out
    assert "Een notitie bij de afvinking." in out  # --note
    assert "--note TEXT" in out  # option names and metavars stay
    assert "Tick a checklist item" not in out
    assert "A note to keep with the tick." not in out


def test_a_lazy_group_subcommand_help_is_dutch():
    out = run("--lang", "nl", "issue", "add", "--help")
    assert "Een nieuwe melding vastleggen" in out
    assert "Eén regel over wat er misgaat." in out


def test_english_after_dutch_is_byte_identical_to_a_fresh_english_run():
    for args in HELPS:
        run("--lang", "nl", *args)
    assert [run(*args) for args in HELPS] == fresh_english()
    assert i18n.language() == "en"


def test_launchtui_lang_makes_the_help_dutch(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LAUNCHTUI_LANG", "nl")
    assert "Een checklistpunt afvinken als gedaan." in run("--help")  # --help read first
    assert "Een notitie bij de afvinking." in run("tick", "--help")
