"""The line of tabs under the status panel; the active one in brackets, so it reads in mono."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from launchtui.text.i18n import t
from launchtui.tui.widgets.translated import N_

TABS = (
    ("checklists", "c", N_("Checklists")),
    ("issues", "i", N_("Issues")),
    ("gate", "g", N_("Gate")),
    ("retro", "r", N_("Retro")),
)


class ViewTabs(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.active = TABS[0][0]

    def on_mount(self) -> None:
        self.select(self.active)

    def select(self, tab: str) -> None:
        self.active = tab
        parts = []
        for name, key, label in TABS:
            text = f"[{key}] {t(label)}"
            parts.append(Content.styled(text, "bold reverse") if name == tab else Content(text))
        self.update(Content(" ").join(parts))

    def retranslate(self) -> None:
        self.select(self.active)
