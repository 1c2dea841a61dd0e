"""The footer draws its keys again only when they change: focus moves and repeated
signals with the same keys cost nothing, a tab with other keys or a language switch
shows at once."""

from __future__ import annotations

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
