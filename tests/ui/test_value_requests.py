"""The value forms' requests, as the write worker performs them: the same rules as the CLI."""

from __future__ import annotations

import pytest

from launchtui.services.value import ValueService
from launchtui.services.workspace import UserError, Workspace
from launchtui.tui.handlers import perform
from launchtui.tui.requests.adoption import ValueRequested

from .conftest import ui_settings


@pytest.fixture
def ws(plain_db):
    workspace = Workspace(ui_settings(plain_db))
    yield workspace
    workspace.close()


def objection(helped: str) -> ValueRequested:
    values = {"kind": "", "phase": "", "location": "", "said": "", "response": "", "helped": helped}
    return ValueRequested(kind="objection", values=values)


@pytest.mark.parametrize(
    ("typed", "stored"), [("y", True), ("Ja ", True), ("nee", False), ("", None)]
)
def test_helped_reads_the_words_the_cli_reads(ws, typed, stored) -> None:
    perform(objection(typed), ws)
    assert ValueService(ws).objections()[-1].helped is stored


def test_an_answer_that_is_no_yes_or_no_is_refused_not_dropped(ws) -> None:
    with pytest.raises(UserError, match="is not yes or no"):
        perform(objection("maybe"), ws)
    assert ValueService(ws).objections() == []


def test_the_cost_toast_shows_the_label_as_text(ws) -> None:
    ValueService(ws).set_settings(currency="SRD")
    values = {
        "label": "X\x1b[31mred",
        "amount": "5",
        "currency": "SRD",
        "rate": "",
        "per": "",
        "phase": "",
    }
    said, _ = perform(ValueRequested(kind="cost", values=values), ws)
    assert "\x1b" not in said and "Cost #" in said
