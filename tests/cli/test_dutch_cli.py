"""The command line in Dutch: --lang nl, or $LAUNCHTUI_LANG, and what stays the same.

Messages, errors and the Markdown and HTML exports follow the language; the JSON and CSV
outputs are the same in English and Dutch, for scripts. The CLI sets the language for the
whole process, so every test here leaves it English for the tests after it.
"""

from __future__ import annotations

import json

import pytest

from launchtui.text import i18n

from .conftest import fails, ok

NL = ("--lang", "nl")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def dutch(run, *args: str) -> str:
    return ok(run(*NL, *args))


def both(run, *args: str) -> tuple[str, str]:
    """The output of a command in English and in Dutch."""
    return ok(run(*args)), dutch(run, *args)


# -- messages ------------------------------------------------------------------------


def test_status_in_dutch(run):
    lines = dutch(run, "status").splitlines()
    assert lines[0] == "Acme CRM · start di 3 nov 2026 · dag 5 van de uitrol"
    assert lines[1] == "Fase 1/4 Early adopters · dag 5 van 14 · volgende: Core team over 10 dagen"
    assert "Periode: Eerste week (4–10 nov)" in lines
    assert any(
        line.startswith("Poort: LET OP — Pilot users and volunteers: nog geen cijfer")
        for line in lines
    )
    assert (
        "  ✗ tevredenheid: Pilot users and volunteers: geen cijfer  nog niet  "
        "(vereist >= 7/10, nog 24 dagen)"
    ) in lines
    assert "  · supporttickets: geen cijfer  advies  (vereist omlaag of gelijk)" in lines
    head = next(line for line in lines if line.lstrip().startswith("checklist"))
    assert head.split() == ["checklist", "klaar", "overgeslagen", "totaal", "achterstallig"]
    week = next(line for line in lines if line.startswith(">"))
    assert week.split() == [">", "Eerste", "week", "0", "0", "20", "6"]
    assert week.index("20") + 2 == head.index("totaal") + len("totaal"), "counts under heads"


def test_the_language_is_put_back_after_a_command(run):
    dutch(run, "status")
    assert i18n.language() == "en"
    assert ok(run("status")).startswith("Acme CRM · launch Tue 3 Nov 2026 · day 5 of the rollout")


def test_an_error_is_one_dutch_line(run):
    result = run(*NL, "tick", "nope")
    assert fails(result, prefix="Fout: ") == (
        "Fout: onbekend checklistpunt 'nope'; `launchtui checklist` toont ze"
    )


def test_a_bad_date_is_worded_in_dutch_too(run):
    result = run(*NL, "export", "issues", "--format", "csv", "--since", "gisteren")
    assert result.exit_code == 2
    assert "'gisteren' is geen datum zoals 2026-11-03" in result.stderr


def test_ticking_and_undoing_in_dutch(run):
    key = "launch-day/welcome-message-sent"
    assert dutch(run, "tick", key) == f"{key} afgevinkt\n"
    assert dutch(run, "undo") == f"Ongedaan gemaakt: afvinken van {key}\n"


def test_issue_add_and_list_in_dutch(run):
    out = dutch(run, "issue", "add", "--title", "Inloggen lukt niet", "--severity", "major")
    assert out.splitlines() == [
        "Melding #1 gemaakt (groot, lijn 1 (zelfhulp)): Inloggen lukt niet",
        "Richtlijn bij ernst groot: pauzeer de uitrol, los op, ga verder",
    ]
    dutch(run, "issue", "add", "--title", "Printer", "--severity", "critical", "--tier", "3")
    lines = dutch(run, "issue", "list").splitlines()
    assert lines[0].split() == ["#", "ernst", "status", "lijn", "gemeld", "titel"]
    assert lines[1].split()[:4] == ["#2", "kritiek", "open", "3"]
    assert lines[2].split()[:4] == ["#1", "groot", "open", "1"]
    assert lines[0].index("titel") == lines[1].index("Printer"), "columns line up"
    assert lines[-1] == "2 meldingen, 2 onopgelost"
    assert dutch(run, "issue", "list", "--status", "resolved") == "Geen meldingen gevonden\n"


def test_issue_show_in_dutch(run):
    dutch(run, "issue", "add", "--title", "Inloggen lukt niet", "--severity", "major")
    dutch(run, "issue", "escalate", "1")
    lines = dutch(run, "issue", "show", "1").splitlines()
    assert lines[1] == "Ernst: groot (richtlijn: pauzeer de uitrol, los op, ga verder)"
    assert lines[2] == "Status: open · lijn 2 (interne ambassadeur)"
    assert "Tijdlijn:" in lines
    assert lines[-2].endswith("gemeld als groot, lijn 1")
    assert lines[-1].endswith("geëscaleerd naar lijn 2 (interne ambassadeur)")


def test_gate_show_in_dutch(run):
    recorded = dutch(
        run, "metrics", "record", "--active", "71", "--satisfaction", "7.5", "--nps", "4"
    )
    assert recorded.splitlines()[0] == (
        "Fase 1 op 7 nov vastgelegd: actief 71%, tevr 7,5/10, nps +4"
    )
    lines = dutch(run, "gate", "show").splitlines()
    assert lines[0] == (
        "Poort: LET OP — Pilot users and volunteers: actief gebruik 71%, op koers; "
        "vereist 80% uiterlijk 1 dec: nog 24 dagen"
    )
    assert (
        "  ✗ actief gebruik: Pilot users and volunteers: 71%  op koers  "
        "(vereist >= 80%, nog 24 dagen)"
    ) in lines
    assert "  ✓ tevredenheid: Pilot users and volunteers: 7,5/10  ok  (vereist >= 7/10)" in lines
    assert "      Pilot users and volunteers: tevredenheid 7,5/10 op 7 nov" in lines


def test_a_hold_in_dutch(run):
    out = dutch(run, "gate", "hold", "--reason", "Storing bij de leverancier")
    assert out == (
        'Poort: PAUZE — aangehouden door ana 7 nov: "Storing bij de leverancier"'
        " (volgens de regels: let op)\n"
    )
    assert dutch(run, "gate", "history").split()[2] == "aanhouden"


def test_retro_list_and_history_in_dutch(run):
    out = dutch(run, "retro", "add", "--kind", "lesson", "Eerst SSO testen")
    assert out == "Notitie #1 geschreven (lessen, fase 1)\n"
    lines = dutch(run, "retro", "list").splitlines()
    assert lines[0].startswith("#1 Lessen · ana")
    assert lines[0].endswith(" · fase 1 · first-week")
    assert lines[-1] == "1 notitie"
    assert dutch(run, "history") == "Nog niets afgevinkt\n"


# -- exports -------------------------------------------------------------------------


def test_the_markdown_issue_report_in_dutch(run):
    dutch(run, "issue", "add", "--title", "Inloggen lukt niet", "--severity", "major")
    lines = dutch(run, "export", "issues", "--format", "md").splitlines()
    assert lines[0] == "# Meldingenlog — Acme CRM"
    assert lines[2].startswith("Geëxporteerd 2026-11-07 ") and " UTC door ana" in lines[2]
    assert "1 meldingen: 1 onopgelost, 0 opgelost." in lines
    assert "## Kritiek (0, 0 onopgelost)" in lines
    assert "Geen kritieke meldingen." in lines
    assert "## Groot (1, 1 onopgelost)" in lines
    assert "Richtlijn: pauzeer de uitrol, los op, ga verder." in lines
    assert "- Supportlijn: 1 (zelfhulp)" in lines
    assert "- Gemeld in: fase 1, periode first-week" in lines
    assert "**Tijdlijn:**" in lines


def test_the_rollout_report_in_dutch(run):
    dutch(run, "retro", "add", "--kind", "went-well", "Soepele start")
    lines = dutch(run, "export", "retro", "--format", "md").splitlines()
    assert lines[0] == "# Uitrolrapport: Acme CRM"
    for heading in (
        "## Samenvatting",
        "### Data",
        "### Fasen en hun poorten",
        "### Eindcijfers (laatste per groep)",
        "### Checklists",
        "### Meldingen",
        "#### Langst open",
        "## Notities voor de terugblik",
        "### Wat goed ging (1)",
        "### Lessen (0)",
    ):
        assert heading in lines, heading
    assert "- Start: di 3 nov 2026" in lines
    assert "- Vandaag: za 7 nov 2026, dag 5 van de uitrol, fase 1 van 4 loopt" in lines
    assert "Er zijn geen meldingen gemaakt." in lines
    assert any(line.startswith("| Periode ") and "| Achterstallig |" in line for line in lines)
    assert any(line.startswith("| Eerste week ") for line in lines), "titles in Dutch too"


def test_the_paper_checklists_in_dutch(run):
    lines = dutch(run, "export", "checklists", "--window", "launch-day").splitlines()
    assert lines[0] == "# Acme CRM: checklists op papier"
    assert lines[2].startswith("Start di 3 nov 2026 · afgedrukt 2026-11-07 · vink met de hand af")
    assert "## Startdag (di 3 nov)" in lines
    assert "| klaar | punt | eigenaar | deadline | code |" in lines
    assert lines[-1] == "Getekend: ____________________   Datum: ____________"
    page = dutch(run, "export", "checklists", "--format", "html")
    assert "<h1>Acme CRM: checklists op papier</h1>" in page
    assert "<th>klaar</th><th>punt</th><th>eigenaar</th><th>deadline</th><th>code</th>" in page
    assert "<code>launchtui tick KEY --at TIME</code>.</p>" in page


# -- choosing the language -----------------------------------------------------------


def test_launchtui_lang_picks_dutch(run, monkeypatch):
    monkeypatch.setenv("LAUNCHTUI_LANG", "nl")
    assert ok(run("status")).startswith("Acme CRM · start di 3 nov 2026")
    assert ok(run("--lang", "en", "status")).startswith("Acme CRM · launch Tue 3 Nov 2026")


def test_an_unknown_launchtui_lang_is_one_clear_error(run, monkeypatch):
    monkeypatch.setenv("LAUNCHTUI_LANG", "fr")
    result = run("status")
    assert fails(result) == "Error: LAUNCHTUI_LANG: unknown language 'fr'; use en or nl"
    assert i18n.language() == "en"


def test_an_unknown_lang_option_is_a_usage_error(run):
    result = run("--lang", "fr", "status")
    assert result.exit_code == 2
    assert "'fr' is not one of 'en', 'nl'" in result.stderr


def test_the_sample_rollout_is_written_in_the_language_chosen(cli_run):
    out = ok(cli_run(*NL, "demo", "--no-open"))
    assert out.startswith("Voorbeelduitrol aangemaakt in ")
    data = json.loads(ok(cli_run("checklist", "--window", "one-week-before", "--json")))
    notes = {i["key"]: i["note"] for i in data if i["state"] == "skipped"}
    assert notes["one-week-before/mobile-data-checked"] == "tool is alleen voor de desktop"


# -- the same in every language ------------------------------------------------------


def _without(text: str, *keys: str) -> dict:
    data = json.loads(text)
    for key in keys:
        data.pop(key)
    return data


def test_json_and_csv_are_the_same_in_english_and_dutch(run):
    run("issue", "add", "--title", "Login fails", "--severity", "major", "--detail", "a\nb")
    run("issue", "add", "--title", "Slow", "--severity", "minor")
    run("issue", "workaround", "1", "Use the web client")
    run("issue", "resolve", "2", "--resolution", "Cache cleared")
    run("metrics", "record", "--active", "71", "--satisfaction", "6.5", "--tickets", "12")
    run("retro", "add", "--kind", "lesson", "Test SSO first")
    run("tick", "launch-day/welcome-message-sent", "--note", "sent at 9")
    run("skip", "launch-day/refresher-held", "--reason", "not needed")

    for args in (
        ("issue", "list", "--json"),
        ("issue", "show", "1", "--json"),
        ("export", "issues", "--format", "csv"),
        ("metrics", "list", "--json"),
        ("gate", "history", "--json"),
        ("phases", "list", "--json"),
        ("retro", "list", "--json"),
        ("retro", "show", "1", "--json"),
        ("export", "retro", "--format", "csv"),
        ("history", "--json"),
        ("comms", "facts", "--json"),
    ):
        english, dutch_ = both(run, *args)
        assert english == dutch_, args

    english, dutch_ = both(run, "export", "issues", "--format", "json")
    assert _without(english, "exported_at") == _without(dutch_, "exported_at")
    issues = json.loads(dutch_)["issues"]
    assert [(i["severity"], i["status"]) for i in issues] == [
        ("major", "workaround"),
        ("minor", "resolved"),
    ]
    assert issues[0]["timeline"][0]["kind"] == "logged"


def test_the_gate_json_keeps_its_names_in_every_language(run):
    run("metrics", "record", "--active", "71", "--tickets", "12")
    english, dutch_ = (json.loads(out) for out in both(run, "gate", "show", "--json"))
    assert (english["state"], english["computed_state"]) == (
        dutch_["state"],
        dutch_["computed_state"],
    )
    stable = ("name", "value", "threshold", "ok", "advisory", "deadline", "days_left")
    assert [{k: c[k] for k in stable} for c in english["criteria"]] == [
        {k: c[k] for k in stable} for c in dutch_["criteria"]
    ]
    names = [c["name"] for c in dutch_["criteria"]]
    assert names[0] == "active use: Pilot users and volunteers"
    assert "support tickets" in names and "training completion" in names
    assert dutch_["criteria"][names.index("support tickets")]["threshold"] == "down or flat"
    # The sentences are for people: in the language asked for.
    assert dutch_["sentence"].startswith("Pilot users and volunteers: actief gebruik 71%")
    assert english["sentence"].startswith("Pilot users and volunteers: active use 71%")
