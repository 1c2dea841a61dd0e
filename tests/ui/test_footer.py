"""The footer draws its keys again only when they change: focus moves and repeated
signals with the same keys cost nothing, a tab with other keys or a language switch
shows at once."""

from __future__ import annotations

import pytest

from launchtui.tui.tui_internals import FooterKey
from launchtui.tui.widgets.quiet_footer import QuietFooter

from .conftest import settle


def keys(footer: QuietFooter) -> dict[str, str]:
    return {k.key: k.description for k in footer.query(FooterKey)}


async def test_the_footer_recomposes_only_when_its_keys_change(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(QuietFooter)
        assert keys(footer)["space"] == "Tick"
        rebuilt = 0
        recompose = footer.recompose

        async def counted() -> None:
            nonlocal rebuilt
            rebuilt += 1
            await recompose()

        footer.recompose = counted
        for _ in range(3):
            app.screen.refresh_bindings()
        await settle(pilot)
        assert rebuilt == 0, "the same keys were drawn again"

        await pilot.press("i")  # the issues tab: its own keys
        await settle(pilot)
        assert rebuilt == 1
        assert keys(footer)["n"] == "New" and "space" not in keys(footer)

        await pilot.press("ctrl+l")  # Dutch: the same keys, other words
        await settle(pilot)
        assert rebuilt == 2
        assert keys(footer)["n"] == "Nieuw"


async def test_the_first_paint_has_the_footers_keys(make_app, monkeypatch: pytest.MonkeyPatch):
    """The footer is built once the list has the focus, with its keys: no empty footer on
    the first screen and no recompose that draws them a frame or two later."""
    composed: list[int] = []
    rebuilt = 0
    compose = QuietFooter.compose

    def spied(self):
        widgets = list(compose(self))
        composed.append(sum(isinstance(w, FooterKey) for w in widgets))
        return iter(widgets)

    async def counted(self) -> None:
        nonlocal rebuilt
        rebuilt += 1

    monkeypatch.setattr(QuietFooter, "compose", spied)
    monkeypatch.setattr(QuietFooter, "recompose", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert composed and composed[0] > 0, "the footer's first compose drew no keys"
        assert rebuilt == 0
        assert keys(app.screen.query_one(QuietFooter))["space"] == "Tick"
