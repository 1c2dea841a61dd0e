"""Comms facts per language: each fact is set in English and Dutch, and a mail in one
language never borrows the other's text (a missing translation is marked, as a missing
fact is)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from launchtui.services.comms import CommsService
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.text import i18n

from .conftest import INIT, ok


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def comms_service(db_path, lang: str | None = None) -> tuple[Workspace, CommsService]:
    ws = Workspace(Settings.resolve(str(db_path), "ana", lang))
    return ws, CommsService(ws)


def test_each_language_has_its_own_value(run, db_path):
    ws, service = comms_service(db_path)
    try:
        service.set_fact("support-contact", "Mei, ext. 204")  # the rollout's language: English
        service.set_fact("support-contact", "Mei, toestel 204", "nl")
        assert service.fact_values()["support-contact"] == "Mei, ext. 204"
        assert service.fact_values("en")["support-contact"] == "Mei, ext. 204"
        assert service.fact_values("nl")["support-contact"] == "Mei, toestel 204"
        assert service.fact_values("nl")["benefit"] is None
        service.set_fact("benefit", "Fewer lost leads")
        assert service.untranslated("nl") == ("benefit",)
        assert service.untranslated("en") == ()
        service.set_fact("support-contact", "", "nl")  # cleared in Dutch only
        assert service.fact_values("nl")["support-contact"] is None
        assert service.fact_values("en")["support-contact"] == "Mei, ext. 204"
        assert [f.lang for f in service.fact_history("support-contact")] == ["en", "nl", "nl"]
    finally:
        ws.close()


def test_a_dutch_mail_never_borrows_an_english_fact(run):
    ok(run("comms", "set", "support-contact", "Ask Mei at the front service"))
    ok(run("comms", "set", "signature", "Ana, project lead"))
    ok(run("comms", "set", "signature", "Ana, projectleider", "--lang", "nl"))
    result = run("--lang", "nl", "comms", "announcement")
    mail = ok(result)
    assert "Ask Mei" not in mail
    assert (
        "[ontbreekt: contact voor hulp, nog niet in deze taal — vul in met "
        "`launchtui comms set support-contact ... --lang nl`]"
    ) in mail
    assert "Ana, projectleider" in mail and "project lead" not in mail
    assert "support-contact" in result.stderr  # listed as missing
    english = ok(run("comms", "announcement"))
    assert "Ask Mei at the front service" in english and "projectleider" not in english


def test_an_english_mail_never_borrows_a_dutch_fact(run):
    ok(run("comms", "set", "benefit", "Minder verloren leads", "--lang", "nl"))
    mail = ok(run("comms", "announcement"))
    assert "Minder verloren" not in mail
    assert (
        "[missing: benefit, not yet in this language — set with "
        "`launchtui comms set benefit ... --lang en`]"
    ) in mail


def test_the_weekly_update_in_dutch_has_no_english_fact(run):
    ok(run("comms", "set", "training", "Tuesdays at 10 in room 2"))
    mail = ok(run("--lang", "nl", "comms", "weekly"))
    assert "Tuesdays" not in mail
    assert "`launchtui comms set training ... --lang nl`" in mail


def test_facts_listed_per_language(run):
    ok(run("comms", "set", "benefit", "Fewer lost leads"))
    ok(run("comms", "set", "benefit", "Minder verloren leads", "--lang", "nl"))
    english = json.loads(ok(run("comms", "facts", "--json")))
    dutch = json.loads(ok(run("comms", "facts", "--json", "--lang", "nl")))
    assert (english["benefit"]["value"], english["benefit"]["lang"]) == ("Fewer lost leads", "en")
    assert (dutch["benefit"]["value"], dutch["benefit"]["lang"]) == ("Minder verloren leads", "nl")
    assert ok(run("comms", "set", "problem", "x", "--lang", "nl")) == "Set problem (nl)\n"


def test_a_rollout_made_in_dutch_takes_dutch_facts_by_default(cli_run):
    ok(cli_run("--lang", "nl", *INIT))
    assert ok(cli_run("comms", "set", "benefit", "Minder verloren leads")) == "Set benefit (nl)\n"
    assert "Minder verloren leads" in ok(cli_run("--lang", "nl", "comms", "announcement"))
    assert "Minder verloren" not in ok(cli_run("--lang", "en", "comms", "announcement"))


def test_facts_from_before_languages_are_the_rollouts(run, db_path):
    """A value stored before m009 has no language: it reads as the rollout's."""
    db = sqlite3.connect(db_path)
    with db:
        db.execute(
            "INSERT INTO comms_facts (key, value, user, login, at)"
            " VALUES ('benefit', 'Old text', 'ana', 'ana', '2026-11-01T09:00:00+00:00')"
        )
    db.close()
    ws, service = comms_service(db_path)
    try:
        assert service.fact_values()["benefit"] == "Old text"
        assert service.facts("en")["benefit"].lang == "en"
        assert service.fact_values("nl")["benefit"] is None
    finally:
        ws.close()


def test_an_unknown_fact_language_is_a_usage_error(run):
    result = run("comms", "set", "benefit", "x", "--lang", "fr")
    assert result.exit_code == 2
    assert "'fr' is not one of 'en', 'nl'" in result.stderr
