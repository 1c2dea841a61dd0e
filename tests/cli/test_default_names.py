"""Default phase and group names follow the language the rollout is made in; names a
coordinator types are never translated."""

from __future__ import annotations

import json

import pytest

from launchtui.domain.phases import TEMPLATES, template_plan
from launchtui.text import i18n

from .conftest import INIT, ok


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("template", "lang", "expected"),
    [
        ("phased", "en", ("Early adopters", "Pilot users and volunteers")),
        ("phased", "nl", ("Vroege gebruikers", "Pilotgebruikers en vrijwilligers")),
        ("growing-business", "nl", ("Pilotgroep", "Pilotgroep")),
        ("small-team", "nl", ("Eerste helft", "De helft van het team")),
        ("solo", "nl", ("Overstappen en bijstellen", "Iedereen")),
    ],
)
def test_the_template_plan_in_a_language(template, lang, expected):
    first = template_plan(template, lang).phases[0]
    assert (first.name, first.group) == expected
    assert i18n.language() == "en"  # the process's language is left alone


def test_every_template_name_has_dutch():
    for name, english in TEMPLATES.items():
        dutch = template_plan(name, "nl")
        for en, nl in zip(english.phases, dutch.phases, strict=True):
            assert (nl.share, nl.start, nl.end, nl.decommission) == (
                en.share,
                en.start,
                en.end,
                en.decommission,
            )
            assert (nl.name, nl.group) != (en.name, en.group)


def test_init_in_dutch_names_the_phases_in_dutch(cli_run):
    ok(cli_run("--lang", "nl", *INIT, "--template", "growing-business"))
    status = json.loads(ok(cli_run("status", "--json")))
    assert status["phase"]["name"] == "Pilotgroep"
    mail = ok(cli_run("--lang", "nl", "comms", "announcement"))
    assert "- Alle anderen: vanaf " in mail and "Everyone else" not in mail
    # Shown in English later, the names stay as made: they are the rollout's own now.
    assert json.loads(ok(cli_run("status", "--json")))["phase"]["name"] == "Pilotgroep"


def test_init_in_english_keeps_the_template(cli_run):
    ok(cli_run(*INIT))
    status = json.loads(ok(cli_run("status", "--json")))
    assert status["phase"]["name"] == "Early adopters"


def test_the_demo_in_dutch(cli_run):
    ok(cli_run("--lang", "nl", "demo", "--no-open"))
    status = json.loads(ok(cli_run("status", "--json")))
    assert status["phase"]["name"] == "Kernteam"  # the demo opens in phase 2
    issues = ok(cli_run("--lang", "nl", "issue", "list"))
    assert "Inlogpagina traag via mobiele data" in issues
    notes = ok(cli_run("--lang", "nl", "retro", "list"))
    assert "Test offline synchroniseren" in notes
    decisions = ok(cli_run("--lang", "nl", "phases", "decisions"))
    assert "Pilot op schema" in decisions
    roi = ok(cli_run("--lang", "nl", "roi"))
    assert "weekrapport" in roi and "weekly report" not in roi
